// Test and demo helpers: a realistic two-run sample (teacher + SEED student on a synthetic shape set)
// and a headless-chromium screenshot of a page.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { NeighbourGrid, RunReport } from './run-report.js';
import { seededRandom } from '@ssl-distill/augment';

const SHAPE_CLASS_NAMES = [
  'disc',
  'ring',
  'square',
  'frame',
  'triangle',
  'plus',
  'cross',
  'h-bars',
  'v-bars',
  'dots',
];

const IMAGE_SIZE = 28;
const TRAIN_PER_CLASS = 30;
const QUERY_COUNT = 6;
const NEIGHBOUR_COUNT = 8;
const TEST_PER_CLASS = 100;

interface LabelledImage {
  pixels: Uint8Array;
  label: number;
}

/** Whether shape `label` covers the point (u, v), in units of the shape's radius around its centre. */
function insideShape(label: number, u: number, v: number): boolean {
  const radius = Math.hypot(u, v);
  const inBox = Math.abs(u) < 0.95 && Math.abs(v) < 0.95;
  switch (label) {
    case 0:
      return radius < 0.95;
    case 1:
      return radius > 0.6 && radius < 0.95;
    case 2:
      return Math.abs(u) < 0.8 && Math.abs(v) < 0.8;
    case 3:
      return Math.max(Math.abs(u), Math.abs(v)) > 0.6 && inBox;
    case 4:
      return v > -0.9 && v < 0.8 && Math.abs(u) < (v + 0.9) * 0.55;
    case 5:
      return inBox && (Math.abs(u) < 0.25 || Math.abs(v) < 0.25);
    case 6:
      return inBox && (Math.abs(u - v) < 0.35 || Math.abs(u + v) < 0.35);
    case 7:
      return inBox && Math.floor((v + 1) * 2.5) % 2 === 0;
    case 8:
      return inBox && Math.floor((u + 1) * 2.5) % 2 === 0;
    default: {
      const gridU = u - Math.round(u / 0.8) * 0.8;
      const gridV = v - Math.round(v / 0.8) * 0.8;
      return Math.abs(u) < 1.1 && Math.abs(v) < 1.1 && Math.hypot(gridU, gridV) < 0.24;
    }
  }
}

/** A 28x28 grey image of a shape, jittered in position, size and brightness, with pixel noise. */
function drawShape(label: number, random: () => number): Uint8Array {
  const pixels = new Uint8Array(IMAGE_SIZE * IMAGE_SIZE);
  const centreX = 13.5 + (random() - 0.5) * 6;
  const centreY = 13.5 + (random() - 0.5) * 6;
  const radius = 8 + random() * 3;
  const brightness = 170 + random() * 85;
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) {
      const ink = insideShape(label, (x - centreX) / radius, (y - centreY) / radius) ? brightness : 10;
      pixels[y * IMAGE_SIZE + x] = Math.max(0, Math.min(255, Math.round(ink + (random() - 0.5) * 50)));
    }
  }
  return pixels;
}

function drawImages(perClass: number, random: () => number): LabelledImage[] {
  return Array.from({ length: perClass * SHAPE_CLASS_NAMES.length }, (_, i) => {
    const label = i % SHAPE_CLASS_NAMES.length;
    return { pixels: drawShape(label, random), label };
  });
}

type Features = (pixels: Uint8Array) => Float64Array;

const rawPixels: Features = (pixels) => Float64Array.from(pixels);

/** 4x4 average pooling: a cruder feature space, so the "student" makes believable mistakes. */
const pooledPixels: Features = (pixels) => {
  const cells = IMAGE_SIZE / 4;
  const pooled = new Float64Array(cells * cells);
  for (let y = 0; y < IMAGE_SIZE; y++) {
    for (let x = 0; x < IMAGE_SIZE; x++) pooled[Math.floor(y / 4) * cells + Math.floor(x / 4)]! += pixels[y * IMAGE_SIZE + x]!;
  }
  return pooled;
};

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(normA * normB);
}

/** Real nearest neighbours of the queries among the training images, in the given feature space. */
function neighbourGridFor(train: LabelledImage[], queries: LabelledImage[], features: Features): NeighbourGrid {
  const trainFeatures = train.map((image) => features(image.pixels));
  return {
    height: IMAGE_SIZE,
    width: IMAGE_SIZE,
    channels: 1,
    queries: queries.map((query) => {
      const queryFeatures = features(query.pixels);
      const nearest = train
        .map((image, i) => ({ pixels: image.pixels, label: image.label, similarity: cosine(queryFeatures, trainFeatures[i]!) }))
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, NEIGHBOUR_COUNT);
      const votes = new Float64Array(SHAPE_CLASS_NAMES.length);
      for (const neighbour of nearest) votes[neighbour.label]! += neighbour.similarity;
      return { pixels: query.pixels, label: query.label, predicted: votes.indexOf(Math.max(...votes)), neighbours: nearest };
    }),
  };
}

/** A confusion matrix whose class-wise recalls scatter around `accuracy`, errors going to a few classes. */
function fakeConfusion(accuracy: number, random: () => number): number[][] {
  const classCount = SHAPE_CLASS_NAMES.length;
  return Array.from({ length: classCount }, (_, truth) => {
    const row = new Array<number>(classCount).fill(0);
    const correct = Math.min(TEST_PER_CLASS, Math.round(TEST_PER_CLASS * (accuracy + (random() - 0.5) * 0.12)));
    row[truth] = correct;
    for (let error = 0; error < TEST_PER_CLASS - correct; error++) {
      const confusedWith = (truth + 1 + Math.floor(random() * 3) * 3) % classCount;
      row[confusedWith]! += 1;
    }
    return row;
  });
}

function trace(matrix: number[][]): number {
  return matrix.reduce((sum, row, i) => sum + row[i]!, 0) / (TEST_PER_CLASS * matrix.length);
}

/** Two runs on the synthetic shape set: a SimCLR ResNet-18 teacher and a SEED student, 3 epochs each. */
export function sampleReports(): [RunReport, RunReport] {
  const random = seededRandom(7);
  const train = drawImages(TRAIN_PER_CLASS, random);
  const queries = drawImages(1, random).slice(0, QUERY_COUNT);
  const dataset = {
    train: 'shapes-train',
    test: 'shapes-test',
    trainCount: train.length,
    testCount: TEST_PER_CLASS * SHAPE_CLASS_NAMES.length,
  };
  const teacherConfusion = fakeConfusion(0.91, random);
  const studentConfusion = fakeConfusion(0.84, random);
  const teacher: RunReport = {
    runId: 'run-3f9a2c1e',
    name: 'teacher resnet18 simclr',
    role: 'teacher',
    method: 'simclr',
    model: { kind: 'resnet18', embeddingDim: 128, params: 11_168_832 },
    dataset,
    backend: 'tensorflow',
    wallSeconds: 1843.6,
    seed: 1,
    history: [
      { epoch: 1, loss: 5.214, knnTop1: 0.781 },
      { epoch: 2, loss: 4.617, knnTop1: 0.868 },
      { epoch: 3, loss: 4.309, knnTop1: trace(teacherConfusion) },
    ],
    probes: {
      knn: { top1: trace(teacherConfusion), top5: 0.991, k: 200, temperature: 0.07 },
      linear: { top1: 0.934, top5: 0.995, epochs: 100 },
    },
    confusion: { classNames: SHAPE_CLASS_NAMES, matrix: teacherConfusion },
    neighbours: neighbourGridFor(train, queries, rawPixels),
    classNames: SHAPE_CLASS_NAMES,
  };
  const student: RunReport = {
    runId: 'run-8b41d07f',
    name: 'student mobilenet-small seed',
    role: 'student',
    method: 'seed',
    model: { preset: 'mobilenet-small', width: 0.5, params: 423_616 },
    dataset,
    backend: 'tensorflow',
    wallSeconds: 412.3,
    seed: 1,
    history: [
      { epoch: 1, loss: 3.902, knnTop1: 0.706 },
      { epoch: 2, loss: 2.718, knnTop1: 0.805 },
      { epoch: 3, loss: 2.205, knnTop1: trace(studentConfusion) },
    ],
    probes: {
      knn: { top1: trace(studentConfusion), top5: 0.982, k: 200, temperature: 0.07 },
      linear: { top1: 0.874, top5: 0.988, epochs: 100 },
    },
    confusion: { classNames: SHAPE_CLASS_NAMES, matrix: studentConfusion },
    neighbours: neighbourGridFor(train, queries, pooledPixels),
    classNames: SHAPE_CLASS_NAMES,
  };
  return [teacher, student];
}

/** A small valid report (one student, no confusion or neighbours); `overrides` replace whole fields. */
export function makeRunReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    runId: 'run-0001',
    name: 'student',
    role: 'student',
    method: 'seed',
    model: { preset: 'mlp-small', params: 52_000 },
    dataset: { train: 'train-set', test: 'test-set', trainCount: 600, testCount: 100 },
    backend: 'cpu',
    wallSeconds: 12.5,
    seed: 3,
    history: [
      { epoch: 1, loss: 2.5, knnTop1: 0.5 },
      { epoch: 2, loss: 2, knnTop1: 0.6 },
    ],
    probes: { knn: { top1: 0.6, top5: 0.9, k: 20, temperature: 0.07 } },
    classNames: ['zero', 'one'],
    ...overrides,
  };
}

export interface ScreenshotOptions {
  /** The browser command; defaults to env CHROMIUM_BIN, else `chromium` on PATH. */
  chromium?: string;
  width?: number;
  height?: number;
  timeoutMs?: number;
}

/**
 * Renders a page in headless chromium and returns the screenshot. Fails, naming the fix, when
 * chromium is not installed.
 */
export async function screenshotHtml(html: string, options: ScreenshotOptions = {}): Promise<PNG> {
  const { width = 1200, height = 1600, timeoutMs = 25_000 } = options;
  const chromium = options.chromium ?? process.env['CHROMIUM_BIN'] ?? 'chromium';
  const workDir = await mkdtemp(join(tmpdir(), 'report-shot-'));
  try {
    const pagePath = join(workDir, 'page.html');
    const shotPath = join(workDir, 'shot.png');
    await writeFile(pagePath, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${join(workDir, 'profile')}`,
      `--screenshot=${shotPath}`,
      `--window-size=${width},${height}`,
      `file://${pagePath}`,
    ];
    const stderr = await runToExit(chromium, args, timeoutMs);
    let shot: Buffer;
    try {
      shot = await readFile(shotPath);
    } catch {
      throw new Error(`${chromium} wrote no screenshot; its stderr ends with:\n${stderr.slice(-2000)}`);
    }
    return PNG.sync.read(shot);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Runs a command in its own process group, killing the whole group on timeout and after exit. */
function runToExit(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Chromium leaves helper processes behind (zygote, utility); they share the group id.
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      killGroup();
      reject(new Error(`${command} did not finish within ${timeoutMs} ms; stderr ends with:\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new Error(`${command} not found: install it with \`apt-get install -y chromium\` (or set CHROMIUM_BIN)`)
          : error,
      );
    });
    child.on('exit', () => {
      clearTimeout(timer);
      killGroup();
      resolve(stderr);
    });
  });
}
