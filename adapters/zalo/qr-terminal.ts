// Shows Zalo's login QR in a terminal. Zalo gives only the QR *image* (its `code` field is a
// polling token, not the QR content), so the PNG is decoded and its modules redrawn with block
// characters. Handles 8-bit greyscale/RGB/RGBA/palette PNGs without interlace (what Zalo sends).
import { inflateSync } from "node:zlib";

interface Decoded {
  width: number;
  height: number;
  /** true = dark pixel */
  dark: (x: number, y: number) => boolean;
}

export function decodePng(png: Buffer): Decoded {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG file");
  let pos = 8;
  let width = 0, height = 0, depth = 0, colorType = 0, interlace = 0;
  let palette = Buffer.alloc(0);
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString("ascii", pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === "PLTE") palette = Buffer.from(data);
    else if (type === "IDAT") idat.push(data);
    pos += 12 + len;
  }
  if (depth !== 8 || interlace !== 0) throw new Error(`unsupported PNG (bit depth ${depth}, interlace ${interlace})`);
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  if (!channels) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[y * stride + i - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      pixels[y * stride + i] = (line[i] + pred) & 0xff;
    }
  }
  const luminance = (x: number, y: number): number => {
    const o = y * stride + x * channels;
    if (colorType === 3) return (palette[pixels[o] * 3] + palette[pixels[o] * 3 + 1] + palette[pixels[o] * 3 + 2]) / 3;
    if (colorType === 0 || colorType === 4) return colorType === 4 && pixels[o + 1] < 128 ? 255 : pixels[o];
    if (colorType === 6 && pixels[o + 3] < 128) return 255; // transparent counts as light
    return (pixels[o] + pixels[o + 1] + pixels[o + 2]) / 3;
  };
  return { width, height, dark: (x, y) => luminance(x, y) < 128 };
}

/** The QR modules (true = dark), found from the dark bounding box and the finder pattern's width. */
export function qrModules(png: Buffer): boolean[][] {
  const img = decodePng(png);
  let minX = img.width, minY = img.height, maxX = -1, maxY = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (!img.dark(x, y)) continue;
      minX = Math.min(minX, x); maxX = Math.max(maxX, x);
      minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
  }
  if (maxX < 0) throw new Error("the QR image is blank");
  let run = 0;
  while (minX + run <= maxX && img.dark(minX + run, minY)) run++;
  const moduleSize = run / 7; // the top-left finder pattern is 7 modules wide
  const n = Math.round((maxX - minX + 1) / moduleSize);
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => img.dark(Math.floor(minX + (c + 0.5) * moduleSize), Math.floor(minY + (r + 0.5) * moduleSize))),
  );
}

/** Two module rows per text line, with a quiet zone; light text on a dark terminal scans fine. */
export function renderQrForTerminal(modules: boolean[][]): string {
  const quiet = 2;
  const n = modules.length + quiet * 2;
  const at = (r: number, c: number) => modules[r - quiet]?.[c - quiet] ?? false;
  const lines: string[] = [];
  for (let r = 0; r < n; r += 2) {
    let line = "";
    for (let c = 0; c < n; c++) {
      // Drawn inverted (light = block) so it reads correctly on a dark terminal background.
      const top = !at(r, c), bottom = !at(r + 1, c);
      line += top && bottom ? "█" : top ? "▀" : bottom ? "▄" : " ";
    }
    lines.push(line);
  }
  return lines.join("\n");
}
