// Writes a .gz beside each text file of the client, once at build time: the gateway serves it to browsers that
// accept gzip (spring.web.resources.chain.compressed), so a phone on a slow link loads about a third of the bytes
// and nothing is compressed per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const root = resolve(process.argv[2] ?? 'target/classes/static');
const TEXT = /\.(js|mjs|css|json|svg|html|md|txt)$/;
let count = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (TEXT.test(name) && statSync(path).size > 512) {
      writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION }));
      count++;
    }
  }
}
walk(root);
console.log(`gzipped ${count} files under ${root}`);
