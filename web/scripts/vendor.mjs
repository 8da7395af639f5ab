// Copies the few library files the client loads from node_modules into the served folder (no bundler).
// Bare imports ("preact") are rewritten to relative ones, because an import map would be an inline script,
// which the Content-Security-Policy forbids.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, process.argv[2] ?? 'target/classes/static/vendor');
mkdirSync(out, { recursive: true });

const files = [
  ['preact/dist/preact.module.js', 'preact.module.js'],
  ['preact/hooks/dist/hooks.module.js', 'hooks.module.js', (s) => s.replace(/from\s*"preact"/g, 'from"./preact.module.js"')],
  ['htm/dist/htm.module.js', 'htm.module.js'],
  ['keycloak-js/lib/keycloak.js', 'keycloak.js'],
  ['chart.js/dist/chart.umd.min.js', 'chart.umd.min.js'],
  // .js, not .mjs: served as JavaScript by any server's type table (module scripts need a JavaScript type).
  ['pdfjs-dist/build/pdf.min.mjs', 'pdf.min.js'],
  ['pdfjs-dist/build/pdf.worker.min.mjs', 'pdf.worker.min.js'],
];
for (const [from, to, rewrite] of files) {
  const source = join(root, 'node_modules', from);
  if (rewrite) {
    const text = rewrite(readFileSync(source, 'utf8'));
    if (/from\s*"(?![./])/.test(text)) throw new Error(`bare import left in ${from}`);
    writeFileSync(join(out, to), text);
  } else {
    copyFileSync(source, join(out, to));
  }
}
for (const licence of ['preact/LICENSE', 'htm/LICENSE', 'keycloak-js/LICENSE.txt', 'chart.js/LICENSE.md',
  'pdfjs-dist/LICENSE']) {
  try {
    copyFileSync(join(root, 'node_modules', licence), join(out, licence.replace('/', '-')));
  } catch { /* a package without that licence file name: nothing to copy */ }
}
console.log(`vendored ${files.length} files into ${out}`);
