// Draws the app icons in public/icons (a white sheet with a check mark on the
// brand blue) without fonts or network: node scripts/generate-icons.mjs.
// The whole square is painted, so the PNGs also serve as maskable icons; the
// mark keeps inside the central 80 % safe zone.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const OUT = path.resolve(import.meta.dirname, "../public/icons");
const BRAND = [0x10, 0x37, 0x61];
const ACCENT = [0x1f, 0x5f, 0xa8];
const WHITE = [0xff, 0xff, 0xff];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel(x + 0.5, y + 0.5);
      const i = y * (size * 3 + 1) + 1 + x * 3;
      raw[i] = r;
      raw[i + 1] = g;
      raw[i + 2] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * Math.max(0, Math.min(1, t))));
function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function roundedRectDistance(px, py, x0, y0, x1, y1, r) {
  const qx = Math.max(x0 + r - px, 0, px - (x1 - r));
  const qy = Math.max(y0 + r - py, 0, py - (y1 - r));
  return Math.hypot(qx, qy) - r; // < 0 inside
}

/** In units of the icon's side (0…1): a sheet with three lines and a check mark. */
function draw(size) {
  const s = size;
  return (x, y) => {
    const u = x / s;
    const v = y / s;
    const aa = 1 / s; // one pixel of antialiasing
    let color = BRAND;
    const sheet = roundedRectDistance(u, v, 0.27, 0.2, 0.73, 0.8, 0.05);
    color = mix(color, WHITE, 0.5 - sheet / aa);
    for (const line of [0.34, 0.44]) {
      const d = segmentDistance(u, v, [0.35, line], [0.65, line]) - 0.022;
      color = mix(color, ACCENT, 0.5 - d / aa);
    }
    const check = Math.min(segmentDistance(u, v, [0.37, 0.6], [0.46, 0.69]), segmentDistance(u, v, [0.46, 0.69], [0.64, 0.51])) - 0.035;
    color = mix(color, BRAND, 0.5 - check / aa);
    return color;
  };
}

fs.mkdirSync(OUT, { recursive: true });
for (const [name, size] of [
  ["icon-192.png", 192],
  ["icon-512.png", 512],
  ["apple-touch-icon.png", 180],
]) {
  fs.writeFileSync(path.join(OUT, name), png(size, draw(size)));
}
fs.writeFileSync(
  path.join(OUT, "icon.svg"),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" fill="#103761"/>
  <rect x="27" y="20" width="46" height="60" rx="5" fill="#fff"/>
  <path d="M35 34h30M35 44h30" stroke="#1f5fa8" stroke-width="4.4" stroke-linecap="round"/>
  <path d="M37 60l9 9 18-18" fill="none" stroke="#103761" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`,
);
console.log(`icons written to ${OUT}`);
