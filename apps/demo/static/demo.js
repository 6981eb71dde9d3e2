// The demo page: loads the exported student (tfjs layers model) and its k-NN index from /model/,
// embeds a dropped or picked image in the browser (tfjs wasm backend, cpu if wasm fails) and shows
// the k-NN class and the nearest training images. ?image=URL classifies that image on load
// (&repeat=N: N times, for a mean ms/image); ?backend=webgl|wasm|cpu picks the backend. State for scripts: document.body.dataset.state and window.demoResult.
import { classify } from './knn.js';

const tf = window.tf;
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const NEIGHBOURS_SHOWN = 8;
const timings = [];
let model;
let index;

function setState(state, message) {
  document.body.dataset.state = state;
  if (message) $('status').textContent = message;
}

async function initBackend() {
  const wanted = params.get('backend') ?? 'wasm';
  if (tf.wasm) tf.wasm.setWasmPaths('/vendor/tfjs-backend-wasm/');
  try {
    if (!(await tf.setBackend(wanted))) throw new Error(`${wanted} did not initialise`);
  } catch (error) {
    console.warn(`backend ${wanted} unavailable (${error.message}); using cpu`);
    await tf.setBackend('cpu');
  }
  await tf.ready();
  return tf.getBackend();
}

async function loadIndex() {
  const header = await (await fetch('/model/knn-index.json')).json();
  const embeddings = new Float32Array(await (await fetch(`/model/${header.embeddingsFile}`)).arrayBuffer());
  const images = new Uint8Array(await (await fetch(`/model/${header.imagesFile}`)).arrayBuffer());
  return { header, embeddings, images };
}

/** The model's input: the image resized to H x W, grey by luminance when C = 1, (p / 255 - 0.5) / 0.5. */
function pixelsOf(source) {
  const [, height, width, channels] = model.inputs[0].shape;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(source, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, width, height).data;
  const values = new Float32Array(height * width * channels);
  for (let p = 0; p < height * width; p++) {
    const [r, g, b] = [rgba[4 * p], rgba[4 * p + 1], rgba[4 * p + 2]];
    const bytes = channels === 1 ? [Math.round(0.299 * r + 0.587 * g + 0.114 * b)] : [r, g, b];
    bytes.forEach((byte, c) => (values[p * channels + c] = (byte / 255 - 0.5) / 0.5));
  }
  return { values, shape: [1, height, width, channels] };
}

async function embed(pixels) {
  const started = performance.now();
  const output = tf.tidy(() => model.predict(tf.tensor4d(pixels.values, pixels.shape)));
  const embedding = await output.data();
  output.dispose();
  return { embedding, ms: performance.now() - started };
}

/** Draws index image i (uint8 HWC) scaled up on a canvas. */
function drawIndexImage(canvas, i) {
  const { height, width, channels } = index.header.image;
  const small = document.createElement('canvas');
  small.width = width;
  small.height = height;
  const data = small.getContext('2d').createImageData(width, height);
  const offset = i * height * width * channels;
  for (let p = 0; p < height * width; p++) {
    for (let c = 0; c < 3; c++) data.data[4 * p + c] = index.images[offset + p * channels + (channels === 1 ? 0 : c)];
    data.data[4 * p + 3] = 255;
  }
  small.getContext('2d').putImageData(data, 0, 0);
  const context = canvas.getContext('2d');
  context.imageSmoothingEnabled = false;
  context.drawImage(small, 0, 0, canvas.width, canvas.height);
}

async function classifySource(source) {
  setState('working');
  const query = $('query-canvas').getContext('2d');
  query.imageSmoothingEnabled = false;
  query.clearRect(0, 0, 112, 112);
  query.drawImage(source, 0, 0, 112, 112);
  const { embedding, ms } = await embed(pixelsOf(source));
  timings.push(ms);
  const result = classify(index.header, index.embeddings, embedding);
  const mean = timings.reduce((a, b) => a + b, 0) / timings.length;
  $('result').hidden = false;
  $('prediction').textContent = result.className;
  const total = result.scores.reduce((a, b) => a + b, 0);
  $('scores').textContent = result.scores.map((s, c) => `${index.header.classNames[c]} ${((100 * s) / total).toFixed(1)}%`).join(' · ');
  $('timing').textContent = `${ms.toFixed(1)} ms for this image; mean ${mean.toFixed(1)} ms/image over ${timings.length} (${tf.getBackend()} backend)`;
  $('neighbours').replaceChildren(...result.neighbours.slice(0, NEIGHBOURS_SHOWN).map(({ index: i, similarity }) => {
    const cell = document.createElement('div');
    const label = index.header.labels[i];
    cell.className = `neighbour ${label === result.label ? 'same' : 'other'}`;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 84;
    drawIndexImage(canvas, i);
    canvas.title = 'classify this training image';
    canvas.onclick = () => classifySource(canvas);
    cell.append(canvas, document.createElement('br'), `${index.header.classNames[label]} (${similarity.toFixed(3)})`);
    return cell;
  }));
  window.demoResult = { label: result.label, className: result.className, ms, meanMs: mean, timings: [...timings], backend: tf.getBackend(), embedding: Array.from(embedding) };
  setState('classified', `ready: ${index.header.count} training images indexed, ${tf.getBackend()} backend`);
  return result;
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`cannot load image ${url}`));
    image.src = url;
  });
}

async function classifyFile(file) {
  const url = URL.createObjectURL(file);
  try {
    await classifySource(await loadImage(url));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function wireInputs() {
  const drop = $('drop');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer.files[0];
    if (file) classifyFile(file).catch(fail);
  });
  $('file').addEventListener('change', () => {
    const file = $('file').files[0];
    if (file) classifyFile(file).catch(fail);
  });
}

function fail(error) {
  console.error(error);
  window.demoError = String(error.message ?? error);
  setState('error', `error: ${window.demoError}`);
}

async function main() {
  setState('loading');
  const backend = await initBackend();
  $('status').textContent = `loading the model (${backend} backend)…`;
  [model, index] = await Promise.all([tf.loadLayersModel('/model/model.json'), loadIndex()]);
  wireInputs();
  setState('ready', `ready: ${index.header.count} training images indexed, ${backend} backend. Drop an image.`);
  const image = params.get('image');
  if (image) {
    const loaded = await loadImage(image);
    const repeat = Math.max(1, Number(params.get('repeat') ?? 1));
    for (let i = 0; i < repeat; i++) await classifySource(loaded);
  }
}

main().catch(fail);
