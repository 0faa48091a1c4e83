/** Prints the gzipped size of the JavaScript and CSS that index.html loads first (not the lazily loaded pages). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let js = 0;
let css = 0;
for (const ref of refs) {
  const size = gzipSync(readFileSync(join(dist, ref))).length;
  if (ref.endsWith('.js')) js += size;
  else css += size;
}
const initialJsGzipKb = Math.round((js / 1024) * 10) / 10;
console.log(`initial JS ${initialJsGzipKb} KB gzipped (budget 250 KB), CSS ${Math.round(css / 102.4) / 10} KB`);
console.log(JSON.stringify({ initialJsGzipKb }));
if (initialJsGzipKb > 250) {
  console.error('initial JavaScript over the 250 KB budget');
  process.exit(1);
}
