// The demo page in headless chromium: it loads an exported student, embeds a dataset image with
// tfjs in the browser, and must show the class Node computes for the same image (the k-NN probe's
// vote over the same index). The screenshot must show something; DEMO_SCREENSHOT_OUT=docs/demo.png keeps it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnnIndexHeader } from '@ssl-distill/export';
import { loadModelFromDir } from '@ssl-distill/models';
import { openStore } from '@ssl-distill/service';
import { readPipelineFile } from '@ssl-distill/spec';
import { loadDataset } from '@ssl-distill/data-access';
import { exportRun } from '@ssl-distill/stages';
import { runPipelineHere } from '@ssl-distill/orchestration';
import { TINY_YAML } from '@ssl-distill/spec/testing';
import { knnProbe } from '@ssl-distill/probes';
import { HeadlessChromium } from '../test/chromium.js';
import { startDemoServer, type DemoServer } from './index.js';

let dir: string;
let modelDir: string;
let server: DemoServer;
let browser: HeadlessChromium | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-page-'));
  const store = openStore({ kind: 'file', root: join(dir, 'store') });
  const pipelineFile = join(dir, 'tiny.yaml');
  await writeFile(pipelineFile, TINY_YAML);
  await runPipelineHere(readPipelineFile(pipelineFile), { store, progress: () => {}, log: () => {} });
  modelDir = join(dir, 'export');
  const { card } = await exportRun(store, { target: 'small', format: 'tfjs', outDir: modelDir, knnIndex: 128, log: () => {} });
  // The fixture: the first test image, as a grey PNG (R = G = B) the page decodes itself.
  const test = await loadDataset(store, card.dataset!.testId);
  const png = new PNG({ width: test.width, height: test.height });
  for (let p = 0; p < test.width * test.height; p++) png.data.set([test.images[p]!, test.images[p]!, test.images[p]!, 255], 4 * p);
  await writeFile(join(modelDir, 'fixture.png'), PNG.sync.write(png));
  server = await startDemoServer({ modelDir });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** What Node computes for the fixture: the exported model's embedding and the k-NN vote over the index. */
async function nodePrediction(): Promise<{ label: number; embedding: Float32Array; header: KnnIndexHeader }> {
  const header = JSON.parse(await readFile(join(modelDir, 'knn-index.json'), 'utf8')) as KnnIndexHeader;
  const indexed = new Float32Array((await readFile(join(modelDir, header.embeddingsFile))).buffer.slice(0));
  const { data, width, height } = PNG.sync.read(await readFile(join(modelDir, 'fixture.png')));
  const pixels = Float32Array.from({ length: width * height }, (_, p) => (data[4 * p]! / 255 - 0.5) / 0.5);
  const model = await loadModelFromDir(modelDir);
  const embedding = tf.tidy(() => (model.predict(tf.tensor4d(pixels, [1, height, width, 1])) as tf.Tensor).dataSync() as Float32Array);
  model.dispose();
  const knn = knnProbe(
    { features: indexed, labels: Int32Array.from(header.labels), dim: header.dim },
    { features: embedding, labels: Int32Array.of(0), dim: header.dim },
    { k: header.k, temperature: header.temperature, numClasses: header.classNames.length },
  );
  return { label: knn.predictions[0]!, embedding, header };
}

describe('demo page', () => {
  it('classifies a fixture image in chromium as Node does, and draws a non-blank page', async () => {
    const expected = await nodePrediction();
    browser = await HeadlessChromium.launch();
    await browser.send('Page.enable');
    await browser.send('Page.navigate', { url: `${server.url}?image=/model/fixture.png` });
    const describe = async () => `state ${await browser!.evaluate<string>('document.body?.dataset.state')}, error ${await browser!.evaluate<string>('window.demoError')}; chromium stderr: ${browser!.stderr.slice(-1500)}`;
    const state = await browser.waitFor<string>("['classified', 'error'].includes(document.body?.dataset.state) && document.body.dataset.state", 90_000, describe);
    expect(state, await describe()).toBe('classified');
    const shown = await browser.evaluate<{ className: string; label: number; ms: number; backend: string; embedding: number[] }>('window.demoResult');
    expect(shown.backend).toBe('wasm');
    // Same pixels, same weights: the browser's embedding is Node's up to float rounding.
    const diff = shown.embedding.reduce((max, v, i) => Math.max(max, Math.abs(v - expected.embedding[i]!)), 0);
    expect(diff).toBeLessThanOrEqual(1e-4);
    expect(shown.label).toBe(expected.label);
    expect(shown.className).toBe(expected.header.classNames[expected.label]);
    expect(await browser.evaluate<string>("document.getElementById('prediction').textContent")).toBe(shown.className);
    expect(await browser.evaluate<number>("document.querySelectorAll('#neighbours canvas').length")).toBe(8);
    console.log(`demo page: ${shown.ms.toFixed(1)} ms/image (${shown.backend} backend, first image after load)`);

    const shot = await browser.screenshot();
    const out = process.env['DEMO_SCREENSHOT_OUT'];
    if (out) await writeFile(resolve(import.meta.dirname, '../../..', out), shot);
    const { data, width, height } = PNG.sync.read(shot);
    const colours = new Set<number>();
    let dark = 0;
    for (let p = 0; p < width * height; p++) {
      colours.add(data.readUInt32BE(4 * p));
      if (data[4 * p]! + data[4 * p + 1]! + data[4 * p + 2]! < 200) dark++;
    }
    expect(colours.size).toBeGreaterThan(50); // text, images and background, not one flat colour
    expect(dark / (width * height)).toBeGreaterThan(0.005);
  });
});
