// A model card travels with every export: what the network is, what it expects, where it came from.

export interface Preprocessing {
  /** Resize the image to this [height, width] first. */
  size: [number, number];
  channels: number;
  /** Per-channel: (pixel / 255 - mean[c]) / std[c] (one value applies to every channel). */
  mean: number[];
  std: number[];
}

/** The exported ONNX model run by onnxruntime against the tfjs model on the run's train and test images. */
export interface OnnxCheck {
  trainImages: number;
  testImages: number;
  /** Largest |onnx - tfjs| over every output value of every image. */
  maxAbsDiff: number;
  /** k-NN top-1 on the test set with each model's outputs. */
  knnTop1: { tfjs: number; onnx: number };
  knn: { k: number; temperature: number };
  passed: boolean;
}

export interface ModelCard {
  name: string;
  runId: string;
  format: 'onnx' | 'tfjs';
  files: string[];
  architecture: {
    /** The backbone spec the student was built from (kind, widths, stages...). */
    spec: Record<string, unknown>;
    embedDim: number;
    /** Width of what the exported model outputs (the head's when withHead). */
    outputDim: number;
    withHead: boolean;
  };
  parameters: { backbone: number; head: number; total: number };
  input: { layout: 'NCHW' | 'NHWC'; shape: number[]; preprocessing: Preprocessing };
  method: string;
  teacher?: { id?: string; name?: string; model?: Record<string, unknown> };
  probes: Record<string, number>;
  /** The datasets by their names in the pipeline file, and their content ids in the store. */
  dataset?: { train: string; test: string; trainId: string; testId: string; classNames: string[] };
  pipeline?: { file: string; name: string };
  knnIndex?: { count: number; k: number; temperature: number };
  check?: OnnxCheck;
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

export function modelCardMarkdown(card: ModelCard): string {
  const { preprocessing } = card.input;
  const lines = [
    `# Model card: ${card.name}`,
    '',
    `Student run \`${card.runId}\`, exported as ${card.format === 'onnx' ? 'ONNX' : 'a tfjs layers model'} (${card.files.join(', ')}).`,
    '',
    '## Architecture',
    '',
    `- backbone: ${String(card.architecture.spec['kind'])} \`${JSON.stringify(card.architecture.spec)}\``,
    `- embedding width ${card.architecture.embedDim}; output width ${card.architecture.outputDim}${card.architecture.withHead ? ' (with the projection head)' : ' (backbone only)'}`,
    `- parameters: ${card.parameters.total.toLocaleString('en-US')} (backbone ${card.parameters.backbone.toLocaleString('en-US')}, head ${card.parameters.head.toLocaleString('en-US')})`,
    '',
    '## Input',
    '',
    `- layout ${card.input.layout}, shape [N, ${card.input.shape.join(', ')}]`,
    `- resize to ${preprocessing.size[0]}x${preprocessing.size[1]}, ${preprocessing.channels} channel(s), then (pixel / 255 - mean) / std with mean ${JSON.stringify(preprocessing.mean)}, std ${JSON.stringify(preprocessing.std)}`,
    '',
    '## Training',
    '',
    `- method: ${card.method}`,
    `- teacher: ${card.teacher ? [card.teacher.name, card.teacher.id && `id ${card.teacher.id}`].filter(Boolean).join(', ') : 'none'}`,
    ...(card.teacher?.model ? [`- teacher model: \`${JSON.stringify(card.teacher.model)}\``] : []),
    `- pipeline file: ${card.pipeline ? `${card.pipeline.file} (pipeline ${card.pipeline.name})` : 'not given'}`,
    ...(card.dataset ? [`- datasets: train ${card.dataset.train}, test ${card.dataset.test}; classes ${card.dataset.classNames.join(', ')}`] : []),
    '',
    '## Probe accuracies (test set, frozen backbone)',
    '',
    ...(Object.keys(card.probes).length === 0 ? ['- no evaluation report for this run'] : Object.entries(card.probes).map(([name, value]) => `- ${name}: ${percent(value)}`)),
    ...(card.check ? [
      '', '## ONNX check (onnxruntime vs tfjs)', '',
      `- ${card.check.trainImages} train + ${card.check.testImages} test images: max |difference| ${card.check.maxAbsDiff.toExponential(2)}`,
      `- k-NN top-1 (k ${card.check.knn.k}, T ${card.check.knn.temperature}): tfjs ${percent(card.check.knnTop1.tfjs)}, ONNX ${percent(card.check.knnTop1.onnx)} — ${card.check.passed ? 'passed' : 'FAILED'}`,
    ] : []),
    ...(card.knnIndex ? ['', '## k-NN index', '', `- ${card.knnIndex.count} training images, k ${card.knnIndex.k}, temperature ${card.knnIndex.temperature}`] : []),
    '',
  ];
  return lines.join('\n');
}
