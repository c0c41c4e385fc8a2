// The app's icon files, made from the one drawing in build/icon.svg: PNGs at each size the
// platforms ask for (resvg renders every size from the vector, so a 16 px icon is drawn at 16 px,
// not shrunk from a large one), and the Windows .ico and macOS .icns that png2icons packs from
// the largest PNG. They are build output in build/icons/ (not committed): `npm start`,
// `npm run dev`, `npm run dist` and `npm run icons` make them when the drawing is newer.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Loaded when icons are made, not on every `npm start` that finds them made already.
const load = createRequire(import.meta.url);

/** electron-builder's Linux target reads a folder of NxN.png; 16 to 48 are the tray and menu sizes. */
export const PNG_SIZES = [16, 20, 24, 32, 48, 64, 128, 256, 512, 1024];

export function iconFiles(outDir) {
  return {
    png: (size) => join(outDir, `${size}x${size}.png`),
    ico: join(outDir, 'icon.ico'),
    icns: join(outDir, 'icon.icns'),
  };
}

export function renderPng(svg, size) {
  const { Resvg } = load('@resvg/resvg-js');
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

export function makeIcons(svgPath, outDir) {
  const svg = readFileSync(svgPath);
  const files = iconFiles(outDir);
  mkdirSync(outDir, { recursive: true });
  for (const size of PNG_SIZES) writeFileSync(files.png(size), renderPng(svg, size));
  const largest = readFileSync(files.png(1024));
  const png2icons = load('png2icons');
  // BMP entries below 256 px and a PNG at 256 px: the layout Windows' resource tools expect in an exe.
  // BICUBIC, not BICUBIC2: the latter cuts alpha to 0 or 255, so the 16 px icon loses its soft edges.
  const ico = png2icons.createICO(largest, png2icons.BICUBIC, 0, false, true);
  const icns = png2icons.createICNS(largest, png2icons.BICUBIC, 0);
  if (!ico || !icns) throw new Error(`png2icons could not read ${files.png(1024)}`);
  writeFileSync(files.ico, ico);
  writeFileSync(files.icns, icns);
  return files;
}

function isFresh(svgPath, outDir) {
  const files = iconFiles(outDir);
  const all = [...PNG_SIZES.map(files.png), files.ico, files.icns];
  const drawn = statSync(svgPath).mtimeMs;
  return all.every((f) => existsSync(f) && statSync(f).mtimeMs >= drawn);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const svg = join(root, 'build', 'icon.svg');
  const out = join(root, 'build', 'icons');
  if (!isFresh(svg, out)) {
    makeIcons(svg, out);
    console.log('icons made in build/icons/');
  }
}
