import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { decodePng, pixelAt, readPngHeader, type PngImage } from './png.js';

/*
 * The Teams icons: color.png 192×192 in colour, outline.png 32×32 white on transparent, both
 * read from their own bytes (IHDR, and the IDAT pixels inflated and unfiltered).
 */

const color = readFileSync('manifest/color.png');
const outline = readFileSync('manifest/outline.png');

const corners = (image: PngImage): [number, number][] => [
  [0, 0],
  [image.width - 1, 0],
  [0, image.height - 1],
  [image.width - 1, image.height - 1],
];

describe('the Teams app icons', () => {
  it('color.png is 192×192, 8-bit RGB or RGBA, and really in colour', () => {
    const header = readPngHeader(color);
    expect(header).toMatchObject({ width: 192, height: 192, bitDepth: 8, interlace: 0 });
    expect([2, 6]).toContain(header.colorType);

    const image = decodePng(color);
    // the brand colour (the manifest's accentColor) fills the middle of the edge, under no bubble
    const accent = (JSON.parse(readFileSync('manifest/manifest.json', 'utf8')) as { accentColor: string }).accentColor;
    const brand = [1, 3, 5].map((i) => parseInt(accent.slice(i, i + 2), 16));
    expect(pixelAt(image, 96, 8)).toEqual([...brand, 255]);
    // and the white bubble sits in the middle
    expect(pixelAt(image, 96, 60)).toEqual([255, 255, 255, 255]);
    let coloured = 0;
    for (let p = 0; p < image.width * image.height; p++) {
      const [r, g, b] = [image.rgba[p * 4]!, image.rgba[p * 4 + 1]!, image.rgba[p * 4 + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 64) coloured++;
    }
    expect(coloured / (image.width * image.height)).toBeGreaterThan(0.4);
  });

  it('outline.png is 32×32 RGBA, white on transparent, with transparent corners', () => {
    const header = readPngHeader(outline);
    expect(header).toMatchObject({ width: 32, height: 32, bitDepth: 8, colorType: 6, interlace: 0 });

    const image = decodePng(outline);
    for (const [x, y] of corners(image)) expect(pixelAt(image, x, y)[3]).toBe(0);
    let opaque = 0;
    let transparent = 0;
    const notWhite: string[] = [];
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const [r, g, b, a] = pixelAt(image, x, y);
        if (a === 0) transparent++;
        else if (r !== 255 || g !== 255 || b !== 255) notWhite.push(`(${x},${y}) rgba(${r},${g},${b},${a})`);
        if (a === 255) opaque++;
      }
    }
    expect(notWhite).toEqual([]);
    // a glyph, not a blank or a filled square
    expect(opaque).toBeGreaterThan(200);
    expect(transparent).toBeGreaterThan(200);
  });

  it('are what manifest/make-icons.mjs draws', () => {
    const dir = mkdtempSync(join(tmpdir(), 'icons-'));
    try {
      execFileSync(process.execPath, ['manifest/make-icons.mjs', dir], { stdio: 'pipe' });
      for (const name of ['color.png', 'outline.png']) {
        const drawn = decodePng(readFileSync(join(dir, name)));
        const committed = decodePng(readFileSync(join('manifest', name)));
        expect({ ...drawn, rgba: Buffer.from(drawn.rgba).toString('base64') }).toEqual({ ...committed, rgba: Buffer.from(committed.rgba).toString('base64') });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the PNG reader undoes every row filter (a file written with all five)', () => {
    // 2×5 RGBA image, row y filtered with filter type y, built by hand
    const rows = [
      [10, 20, 30, 255, 40, 50, 60, 255],
      [1, 2, 3, 4, 5, 6, 7, 8],
      [200, 100, 50, 25, 12, 6, 3, 1],
      [9, 9, 9, 9, 90, 90, 90, 90],
      [255, 0, 128, 64, 32, 16, 8, 4],
    ];
    const paeth = (a: number, b: number, c: number): number => {
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    };
    const filtered = rows.flatMap((row, y) => {
      const above = rows[y - 1] ?? new Array<number>(8).fill(0);
      return [
        y,
        ...row.map((value, i) => {
          const left = i >= 4 ? row[i - 4]! : 0;
          const upLeft = i >= 4 ? above[i - 4]! : 0;
          const predictor = [0, left, above[i]!, (left + above[i]!) >> 1, paeth(left, above[i]!, upLeft)][y]!;
          return (value - predictor) & 0xff;
        }),
      ];
    });
    const header = Buffer.alloc(13);
    header.writeUInt32BE(2, 0);
    header.writeUInt32BE(5, 4);
    header[8] = 8;
    header[9] = 6;
    const chunk = (type: string, data: Buffer): Buffer => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(filtered))), chunk('IEND', Buffer.alloc(0))]);
    expect([...decodePng(png).rgba]).toEqual(rows.flat());
  });
});
