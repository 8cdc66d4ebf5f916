import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { qrModules, renderQrForTerminal } from "../../../adapters/zalo/qr-terminal";

describe("Zalo login QR in the terminal", () => {
  it("recovers the modules of a QR PNG exactly", async () => {
    const text = "https://id.zalo.me/account/login?code=test-1234";
    const png = await QRCode.toBuffer(text, { scale: 5, margin: 4 });
    const expected = QRCode.create(text, {}).modules;
    const modules = qrModules(png);
    expect(modules.length).toBe(expected.size);
    for (let r = 0; r < expected.size; r++) {
      for (let c = 0; c < expected.size; c++) expect(modules[r][c], `module ${r},${c}`).toBe(expected.get(r, c) === 1);
    }
    const art = renderQrForTerminal(modules).split("\n");
    expect(art.length).toBe(Math.ceil((expected.size + 4) / 2));
    expect(art[0]).toMatch(/^█+$/); // quiet zone row
  });
});
