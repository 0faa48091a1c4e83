import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
const [src, out, y = '0', h = '1400', w = '1280'] = process.argv.slice(2);
writeFileSync(
  '/tmp/parts-ui-crop.html',
  `<body style="margin:0"><img src="file://${src}" style="display:block;margin-top:-${y}px">`,
);
const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--allow-file-access-from-files'],
});
const p = await b.newPage({ viewport: { width: +w, height: +h } });
await p.goto('file:///tmp/parts-ui-crop.html');
await p.waitForLoadState('load');
await p.screenshot({ path: out });
await b.close();
