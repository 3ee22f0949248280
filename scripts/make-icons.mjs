#!/usr/bin/env node
// `npm run icons`: every app icon the packagers need, from the one source resources/icon.svg. The PNGs
// are rasterised from the vector at each size (@resvg/resvg-js), so 16 and 32 px are drawn, not shrunk;
// the macOS .icns and the Windows .ico are built from the 1024 px rendering (png2icons).
// `--check` writes nothing: it exits 1, naming each file, when a committed icon is missing or differs
// from what the SVG gives now (test/resources/icons.test.ts runs it).
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import UPNG from 'png2icons/lib/UPNG.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resources = join(root, 'resources');

/** The sizes of resources/icons/NxN.png (electron-builder's Linux icon set; 1024 for the largest screens). */
export const linuxSizes = [16, 32, 48, 64, 128, 256, 512, 1024];

function render(svg, size) {
  return Buffer.from(
    new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } })
      .render()
      .asPng(),
  );
}

/** The macOS and Windows icon files, built from the 1024 px PNG. */
function containers(full) {
  // Lossless (0 colours = all); BICUBIC2 keeps edges crisp when the smaller chunks are made.
  const icns = png2icons.createICNS(full, png2icons.BICUBIC2, 0);
  // PNG chunks, 16 to 256 px (Windows Vista and later; electron-builder wants the 256).
  const ico = png2icons.createICO(full, png2icons.BICUBIC2, 0, true);
  if (!icns || !ico)
    throw new Error('png2icons could not build the .icns / .ico from the 1024 px PNG');
  return new Map([
    ['resources/icon.icns', icns],
    ['resources/icon.ico', ico],
  ]);
}

/** Every generated file, by path under the repository, with its bytes. */
export function iconFiles(svg = readFileSync(join(resources, 'icon.svg'), 'utf8')) {
  const files = new Map();
  const full = render(svg, 1024);
  files.set('resources/icon.png', full);
  for (const size of linuxSizes)
    files.set(`resources/icons/${size}x${size}.png`, size === 1024 ? full : render(svg, size));
  for (const [path, bytes] of containers(full)) files.set(path, bytes);
  return files;
}

/** RGBA bytes of a PNG. */
function pixelsOf(png) {
  const image = UPNG.decode(new Uint8Array(png).buffer);
  return { width: image.width, height: image.height, rgba: new Uint8Array(UPNG.toRGBA8(image)[0]) };
}

/**
 * Whether a committed PNG shows what the SVG gives now: same size, and every channel of every pixel
 * within `tolerance` of 255 (the rasteriser, its blur above all, may round a little differently on another CPU).
 */
export function samePicture(committed, fresh, tolerance = 8) {
  const a = pixelsOf(committed);
  const b = pixelsOf(fresh);
  if (a.width !== b.width || a.height !== b.height) return false;
  for (let i = 0; i < a.rgba.length; i++)
    if (Math.abs(a.rgba[i] - b.rgba[i]) > tolerance) return false;
  return true;
}

/**
 * The committed files that are missing or out of date. PNGs are compared picture to picture; the .icns
 * and .ico are rebuilt from the committed icon.png (plain JavaScript, the same bytes everywhere).
 */
export function staleIcons() {
  const fresh = iconFiles();
  const committedFull = join(root, 'resources/icon.png');
  const fromCommitted = existsSync(committedFull)
    ? containers(readFileSync(committedFull))
    : new Map();
  const stale = [];
  for (const [path, bytes] of fresh) {
    const file = join(root, path);
    if (!existsSync(file)) stale.push(path);
    else if (
      path.endsWith('.png')
        ? !samePicture(readFileSync(file), bytes)
        : !readFileSync(file).equals(fromCommitted.get(path))
    )
      stale.push(path);
  }
  return stale;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain && process.argv.includes('--check')) {
  const stale = staleIcons();
  if (stale.length) {
    console.error(
      `icons out of date with resources/icon.svg (run npm run icons): ${stale.join(', ')}`,
    );
    process.exit(1);
  }
  console.log('icons match resources/icon.svg');
} else if (isMain) {
  for (const [path, bytes] of iconFiles()) {
    const file = join(root, path);
    const same = existsSync(file) && readFileSync(file).equals(bytes);
    mkdirSync(dirname(file), { recursive: true });
    if (!same) writeFileSync(file, bytes);
    console.log(`${same ? 'unchanged' : 'wrote    '}  ${relative(root, file)}`);
  }
}
