// The app icons the packagers take from resources/: every size there, of the right kind and dimensions,
// and still what resources/icon.svg gives (scripts/make-icons.mjs --check), so an edited SVG cannot ship
// with old icons.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path));
const pngMagic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR (https://www.w3.org/TR/png/#11IHDR), or null when it is no PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(pngMagic) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('app icons in resources/', () => {
  it('has the 1024 px icon.png and the Linux set, each a PNG of its size', () => {
    expect(pngSize(read('resources/icon.png'))).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      const path = `resources/icons/${size}x${size}.png`;
      expect(existsSync(join(root, path)), path).toBe(true);
      expect(pngSize(read(path)), path).toEqual({ width: size, height: size });
    }
  });

  it('has a macOS icon.icns with the 128 to 1024 px images', () => {
    // https://en.wikipedia.org/wiki/Apple_Icon_Image_format: "icns", total length, then type + length + data.
    const icns = read('resources/icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const images = new Map<string, Buffer>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) images.set(icns.toString('latin1', at, at + 4), icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
    for (const [type, size] of [['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]] as const) {
      expect(pngSize(images.get(type) ?? Buffer.alloc(0)), type).toEqual({ width: size, height: size });
    }
  });

  it('has a Windows icon.ico with 16 to 256 px images', () => {
    // https://en.wikipedia.org/wiki/ICO_(file_format): reserved 0, type 1, count, then 16-byte entries (0 = 256 px).
    const ico = read('resources/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const entry = 6 + 16 * i;
      const size = ico[entry] || 256;
      const data = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      expect(pngSize(data), `${size} px`).toEqual({ width: size, height: size });
      sizes.push(size);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('are what resources/icon.svg gives now', () => {
    const r = spawnSync(process.execPath, ['scripts/make-icons.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
