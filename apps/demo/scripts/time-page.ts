// Times the demo page in headless chromium: serves an export directory (distill export --format tfjs
// --knn-index N --out DIR), has the page embed IMAGE (a file in DIR) REPEAT times, prints ms/image.
// Usage: node --conditions=@ssl-distill/source --import tsx apps/demo/scripts/time-page.ts DIR IMAGE [REPEAT] [BACKEND]
// SCREENSHOT_OUT=file.png also saves the page as it looks after the last image.
import { writeFile } from 'node:fs/promises';
import { startDemoServer } from '../src/server.js';
import { HeadlessChromium } from '../test/chromium.js';

const [dir, image, repeatArg = '50', backend = 'wasm'] = process.argv.slice(2);
if (!dir || !image) throw new Error('usage: time-page.ts EXPORT_DIR IMAGE_IN_DIR [REPEAT] [BACKEND]');
const server = await startDemoServer({ modelDir: dir });
const browser = await HeadlessChromium.launch();
try {
  await browser.send('Page.navigate', { url: `${server.url}?image=/model/${image}&repeat=${repeatArg}&backend=${backend}` });
  const state = await browser.waitFor<string>("['classified', 'error'].includes(document.body?.dataset.state) && window.demoResult?.timings.length === " + Number(repeatArg) + " ? document.body.dataset.state : (document.body?.dataset.state === 'error' && 'error')", 300_000, async () => browser.stderr.slice(-1000));
  if (state !== 'classified') throw new Error(`page: ${await browser.evaluate<string>('window.demoError')}`);
  const result = await browser.evaluate<{ className: string; backend: string; timings: number[] }>('window.demoResult');
  const [first, ...rest] = result.timings;
  const sorted = [...rest].sort((a, b) => a - b);
  const mean = rest.reduce((a, b) => a + b, 0) / Math.max(1, rest.length);
  if (process.env['SCREENSHOT_OUT']) await writeFile(process.env['SCREENSHOT_OUT'], await browser.screenshot());
  console.log(`backend ${result.backend}: first image ${first!.toFixed(1)} ms; then mean ${mean.toFixed(2)} ms/image, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(2)} ms over ${rest.length} images (class ${result.className})`);
} finally {
  await browser.close();
  await server.close();
}
