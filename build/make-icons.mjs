#!/usr/bin/env node
// Generates the app icons (committed; re-run after changing the design): a blue rounded square
// with a white check mark — "preflight checked". Pure JS PNG encoder over node:zlib, antialiased
// by signed distances. electron-builder turns build/icon.png (1024) into .icns and .ico itself;
// Linux uses the sized PNGs in build/icons/.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** Encodes RGBA pixels (Uint8Array, width*height*4) as a PNG. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function roundedRectDistance(px, py, cx, cy, half, radius) {
  const qx = Math.abs(px - cx) - (half - radius),
    qy = Math.abs(py - cy) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

export function drawIcon(size) {
  const px = new Uint8Array(size * size * 4);
  const s = size / 1024;
  // macOS-style margin: the square is 824/1024 of the canvas.
  const half = 412 * s,
    radius = 185 * s,
    c = size / 2;
  const check = [
    [330, 530],
    [455, 655],
    [700, 385],
  ].map(([x, y]) => [x * s, y * s]);
  const stroke = 62 * s;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const fx = x + 0.5,
        fy = y + 0.5;
      const box = Math.max(0, Math.min(1, 0.5 - roundedRectDistance(fx, fy, c, c, half, radius)));
      if (box === 0) continue;
      const t = (fy - (c - half)) / (2 * half);
      let r = 0x2f + (0x0b - 0x2f) * t,
        g = 0x81 + (0x3d - 0x81) * t,
        b = 0xf7 + (0x91 - 0xf7) * t;
      const d = Math.min(segmentDistance(fx, fy, ...check[0], ...check[1]), segmentDistance(fx, fy, ...check[1], ...check[2]));
      const mark = Math.max(0, Math.min(1, stroke / 2 - d + 0.5));
      r += (255 - r) * mark;
      g += (255 - g) * mark;
      b += (255 - b) * mark;
      const i = (y * size + x) * 4;
      px[i] = Math.round(r);
      px[i + 1] = Math.round(g);
      px[i + 2] = Math.round(b);
      px[i + 3] = Math.round(255 * box);
    }
  }
  return encodePng(size, size, px);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const write = (file, size) => {
    mkdirSync(dirname(join(here, file)), { recursive: true });
    writeFileSync(join(here, file), drawIcon(size));
    console.log(`wrote build/${file}`);
  };
  write('icon.png', 1024);
  for (const size of [16, 32, 48, 64, 128, 256, 512]) write(`icons/${size}x${size}.png`, size);
}
