// npm run zalo:login -- [--qr FILE] [--user-agent UA]
// Logs the bot's Zalo account in by QR code and saves the credentials file (mode 0600) that
// `npm start` uses (ZALO_CREDENTIALS_FILE).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { cliArgs, cliConfig, runCli } from "./cli";
import { loginWithQr, saveSession } from "../adapters/zalo/login";
import { qrModules, renderQrForTerminal } from "../adapters/zalo/qr-terminal";

const HELP = `Usage: npm run zalo:login -- [options]
Shows a QR code (in the terminal and as a PNG file); scan it with the Zalo app of the account the
bot will use (Zalo > QR scanner). The session is saved to ZALO_CREDENTIALS_FILE with mode 0600.
  --qr FILE          where to write the QR PNG (default: DATA_DIR/zalo-qr.png)
  --user-agent UA    browser user agent to present (keep the same one afterwards)
  --help             this text
Warning: zca-js is an unofficial API; Zalo may lock accounts that behave like bots. Use a dedicated
account, answer only people who write first, and do not bulk-message strangers.`;

async function main(): Promise<number> {
  const { values } = cliArgs({ options: { qr: { type: "string" }, "user-agent": { type: "string" }, help: { type: "boolean" } } }, HELP);
  const config = cliConfig();
  const qrPath = values.qr ?? `${config.DATA_DIR}/zalo-qr.png`;
  mkdirSync(dirname(qrPath), { recursive: true });
  const api = await loginWithQr(
    {
      onQr(png) {
        writeFileSync(qrPath, png);
        try {
          console.log(renderQrForTerminal(qrModules(png)));
        } catch (err) {
          console.log(`(cannot draw the QR in the terminal: ${(err as Error).message})`);
        }
        console.log(`Quét mã QR bằng ứng dụng Zalo của tài khoản bot (mã cũng được lưu ở ${qrPath}).`);
      },
      onExpired: () => console.log("Mã QR đã hết hạn, đang tạo mã mới..."),
      onScanned: (name) => console.log(`Đã quét bởi ${name}. Hãy xác nhận đăng nhập trên điện thoại.`),
      onDeclined: () => console.log("Đăng nhập bị từ chối trên điện thoại."),
    },
    values["user-agent"],
  );
  await saveSession(config.ZALO_CREDENTIALS_FILE, api);
  console.log(`Đã lưu thông tin đăng nhập vào ${config.ZALO_CREDENTIALS_FILE} (quyền 0600). Khởi động bot bằng: npm start`);
  return 0;
}

runCli("zalo:login", HELP, async () => {
  try {
    return await main();
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}. Check that this machine can reach chat.zalo.me, then run \`npm run zalo:login\` again.`);
  }
});
