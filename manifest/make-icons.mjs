#!/usr/bin/env node
/*
 * Draws the Teams app icons with nothing but node:zlib, so they can be regenerated anywhere:
 *
 *   node manifest/make-icons.mjs [output folder]     (default: the folder of this script)
 *
 * color.png    192×192 RGBA: a rounded square in the brand colour (the manifest's accentColor)
 *              holding a white chat bubble with three "typing" dots in the brand colour.
 * outline.png  32×32 RGBA: the same bubble as a white silhouette on a transparent background,
 *              the dots cut out (Teams wants only white and transparent pixels here).
 *
 * Shapes are tested at 8×8 points per pixel and the covered fraction becomes the alpha, which
 * gives clean anti-aliased edges. The drawing is deterministic: running the script again gives
 * the committed images pixel for pixel (test/manifest checks that; the compressed bytes may
 * differ between zlib builds, the pixels do not).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const BRAND = [0x0f, 0x6c, 0xbd]; // #0F6CBD, the manifest's accentColor
const WHITE = [255, 255, 255];
const SAMPLES = 8;

// --- shapes: each a function (x, y) => inside?, in pixel coordinates of its canvas ---

const roundedRect = (cx, cy, halfWidth, halfHeight, radius) => (x, y) => {
  const qx = Math.abs(x - cx) - (halfWidth - radius);
  const qy = Math.abs(y - cy) - (halfHeight - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius <= 0;
};

const circle = (cx, cy, radius) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;

const triangle = (a, b, c) => (x, y) => {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

const union = (...shapes) => (x, y) => shapes.some((shape) => shape(x, y));
const minus = (shape, ...holes) => (x, y) => shape(x, y) && !holes.some((hole) => hole(x, y));

/** A chat bubble with a tail at the lower left and three dots, scaled to a box of `size` at (`left`, `top`). */
function bubble(left, top, size) {
  const at = (fx, fy) => [left + fx * size, top + fy * size];
  const [cx, cy] = at(0.5, 0.44);
  const body = roundedRect(cx, cy, 0.5 * size, 0.36 * size, 0.16 * size);
  const tail = triangle(at(0.16, 0.7), at(0.1, 1), at(0.46, 0.72));
  const dots = [0.27, 0.5, 0.73].map((fx) => circle(...at(fx, 0.44), 0.085 * size));
  return { shape: union(body, tail), dots: union(...dots) };
}

/** Fraction of the pixel (px, py) that `shape` covers, 0..1. */
function coverage(shape, px, py) {
  let inside = 0;
  for (let i = 0; i < SAMPLES; i++) {
    for (let j = 0; j < SAMPLES; j++) if (shape(px + (i + 0.5) / SAMPLES, py + (j + 0.5) / SAMPLES)) inside++;
  }
  return inside / (SAMPLES * SAMPLES);
}

/** RGBA pixels of a canvas painted by `paint(x, y)`, which returns [r, g, b, a] with a in 0..1. */
function render(size, paint) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint(x, y);
      const at = (y * size + x) * 4;
      // a fully transparent pixel is stored as transparent black: no stray colour under alpha 0
      pixels[at] = a === 0 ? 0 : r;
      pixels[at + 1] = a === 0 ? 0 : g;
      pixels[at + 2] = a === 0 ? 0 : b;
      pixels[at + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

export function colorIcon() {
  const size = 192;
  const square = roundedRect(96, 96, 96, 96, 40);
  // the bubble sits inside Teams' 120 px safe zone
  const { shape, dots } = bubble(40, 42, 112);
  return {
    size,
    pixels: render(size, (x, y) => {
      const back = coverage(square, x, y);
      const front = coverage(minus(shape, dots), x, y);
      // white over the brand colour, blended by how much of the pixel the bubble covers
      const mix = (channel) => Math.round(WHITE[channel] * front + BRAND[channel] * (1 - front));
      return [mix(0), mix(1), mix(2), back];
    }),
  };
}

export function outlineIcon() {
  const size = 32;
  const { shape, dots } = bubble(2, 3, 28);
  return { size, pixels: render(size, (x, y) => [...WHITE, coverage(minus(shape, dots), x, y)]) };
}

// --- PNG encoding (colour type 6: 8-bit RGBA, non-interlaced) ---

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const paeth = (a, b, c) => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Each row filtered with the filter (None, Sub, Up, Average, Paeth) that leaves the smallest sum, as libpng does. */
function filterRows(pixels, width, height) {
  const stride = width * 4;
  const out = [];
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    let best = null;
    for (let type = 0; type <= 4; type++) {
      const filtered = Buffer.alloc(stride + 1);
      filtered[0] = type;
      let cost = 0;
      for (let i = 0; i < stride; i++) {
        const left = i >= 4 ? row[i - 4] : 0;
        const up = above[i];
        const upLeft = i >= 4 ? above[i - 4] : 0;
        const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type];
        const value = (row[i] - predictor) & 0xff;
        filtered[i + 1] = value;
        cost += value < 128 ? value : 256 - value;
      }
      if (best === null || cost < best.cost) best = { cost, filtered };
    }
    out.push(best.filtered);
  }
  return Buffer.concat(out);
}

export function encodePng({ size, pixels }) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filterRows(pixels, size, size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = resolve(process.argv[2] ?? dirname(fileURLToPath(import.meta.url)));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'color.png'), encodePng(colorIcon()));
  writeFileSync(join(folder, 'outline.png'), encodePng(outlineIcon()));
  console.log(`wrote color.png and outline.png to ${folder}`);
}
