// tfjs layers model -> ONNX (opset 13), written directly as protobuf. Inside the graph every 4-D
// tensor is NCHW (the layout ONNX runtimes and TensorRT expect); the input is declared NCHW and the
// layout recorded in the metadata. Batch norm is folded into the conv / dense layer before it.
import type * as tf from '@tensorflow/tfjs';
import { floatValueInfo, OnnxGraph, serializeGraph, type AttributeValue } from './onnx-graph.js';

type Layer = tf.layers.Layer;
type Symbolic = tf.SymbolicTensor;
interface InboundNode {
  inputTensors: Symbolic[];
  outputTensors: Symbolic[];
}

/** Thrown for a layer (or a layer setting) the writer has no ONNX translation for. */
export class UnsupportedLayerError extends Error {
  constructor(readonly layerName: string, readonly layerClass: string, detail = 'has no ONNX translation') {
    super(`cannot export layer '${layerName}' (class ${layerClass}): ${detail}`);
    this.name = 'UnsupportedLayerError';
  }
}

export interface OnnxExportOptions {
  /** Extra metadata_props entries (input normalisation, provenance). */
  metadata?: Record<string, string>;
  /** Default 'input'. */
  inputName?: string;
  /** Default 'embedding'. */
  outputName?: string;
  docString?: string;
}

/** Metadata the writer itself records: how to lay out the input. */
export const LAYOUT_KEY = 'input_layout';
export const INPUT_SHAPE_KEY = 'input_shape';

/**
 * Converts `models` applied one after the other (e.g. [backbone, projector]: each later model
 * takes the previous model's single output) into one ONNX model with input [N, C, H, W] (image
 * models) or [N, ...] and output [N, D]. Throws UnsupportedLayerError naming the layer and class.
 */
export function tfjsToOnnx(models: tf.LayersModel | readonly tf.LayersModel[], options: OnnxExportOptions = {}): Uint8Array {
  const chain = Array.isArray(models) ? models : [models as tf.LayersModel];
  if (chain.length === 0) throw new Error('tfjsToOnnx: no model given');
  const inputName = options.inputName ?? 'input';
  const outputName = options.outputName ?? 'embedding';
  const first = singleTensor(chain[0]!, 'inputs');
  const tfjsInputShape = staticShape(first, chain[0]!.name);
  const imageInput = tfjsInputShape.length === 3;
  const onnxInputShape = imageInput ? [tfjsInputShape[2]!, tfjsInputShape[0]!, tfjsInputShape[1]!] : tfjsInputShape;

  const converter = new Converter(new OnnxGraph());
  let value = converter.graph.uniqueName(inputName);
  let lastOutput = first;
  for (const model of chain) {
    const input = singleTensor(model, 'inputs');
    if (model !== chain[0] && input.shape.length !== lastOutput.shape.length) {
      throw new Error(`model '${model.name}' takes rank-${input.shape.length} input but the model before it gives rank ${lastOutput.shape.length}`);
    }
    value = converter.convertModel(model, value);
    lastOutput = singleTensor(model, 'outputs');
  }
  const output = converter.graph.node('Identity', [value], outputName);
  const outputShape = staticShape(lastOutput, chain.at(-1)!.name);
  const onnxOutputShape = outputShape.length === 3 ? [outputShape[2]!, outputShape[0]!, outputShape[1]!] : outputShape;
  return serializeGraph({
    graph: converter.graph,
    name: chain.map((model) => model.name).join('+'),
    inputs: [floatValueInfo(inputName, ['N', ...onnxInputShape])],
    outputs: [floatValueInfo(output, ['N', ...onnxOutputShape])],
    metadata: {
      [LAYOUT_KEY]: imageInput ? 'NCHW' : `N${'x'.repeat(onnxInputShape.length)}`,
      [INPUT_SHAPE_KEY]: JSON.stringify(onnxInputShape),
      ...options.metadata,
    },
    docString: options.docString,
  });
}

function singleTensor(model: tf.LayersModel, which: 'inputs' | 'outputs'): Symbolic {
  const tensors = model[which];
  if (tensors.length !== 1) throw new Error(`model '${model.name}' has ${tensors.length} ${which}; export needs exactly one`);
  return tensors[0]!;
}

function staticShape(tensor: Symbolic, owner: string): number[] {
  return tensor.shape.slice(1).map((dim) => {
    if (dim == null) throw new Error(`model '${owner}': tensor '${tensor.name}' has an unknown dimension; export needs static shapes`);
    return dim;
  });
}

const pair = (value: unknown): [number, number] => (Array.isArray(value) ? [value[0] as number, value[1] as number] : [value as number, value as number]);

/** TensorFlow's 'same' padding: output ceil(in / stride), the odd pixel at the end. */
function samePads(size: number, kernel: number, stride: number, dilation: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** tfjs axis of a rank-4 NHWC tensor -> the same axis in NCHW. */
const NCHW_AXIS = [0, 2, 3, 1];
const TO_NHWC = [0, 2, 3, 1];
const TO_NCHW = [0, 3, 1, 2];

interface Affine {
  scale: Float32Array;
  shift: Float32Array;
}

class Converter {
  private readonly values = new Map<number, string>();
  private readonly folded = new Set<Layer>();
  private consumers = new Map<number, Layer[]>();
  private modelOutputs = new Set<number>();

  constructor(readonly graph: OnnxGraph) {}

  convertModel(model: tf.LayersModel, input: string): string {
    this.values.set(singleTensor(model, 'inputs').id, input);
    this.consumers = new Map();
    this.modelOutputs = new Set(model.outputs.map((t) => t.id));
    const nodes = new Map<Layer, InboundNode>();
    for (const layer of model.layers) {
      if (layer.getClassName() === 'InputLayer') continue;
      const node = (layer as unknown as { inboundNodes: InboundNode[] }).inboundNodes[0];
      if (!node) throw new UnsupportedLayerError(layer.name, layer.getClassName(), 'is not connected');
      nodes.set(layer, node);
      for (const tensor of node.inputTensors) this.consumers.set(tensor.id, [...(this.consumers.get(tensor.id) ?? []), layer]);
    }
    for (const [layer, node] of nodes) {
      if (this.folded.has(layer)) continue;
      if (node.outputTensors.length !== 1) throw new UnsupportedLayerError(layer.name, layer.getClassName(), 'has several outputs');
      const inputs = node.inputTensors.map((tensor) => {
        const name = this.values.get(tensor.id);
        if (name === undefined) throw new Error(`layer '${layer.name}' reads tensor '${tensor.name}' before it is computed`);
        return name;
      });
      this.values.set(node.outputTensors[0]!.id, this.convertLayer(layer, inputs, node));
    }
    return this.values.get(singleTensor(model, 'outputs').id)!;
  }

  private convertLayer(layer: Layer, inputs: string[], node: InboundNode): string {
    const className = layer.getClassName();
    const config = layer.getConfig() as Record<string, unknown>;
    const unsupported = (detail?: string) => new UnsupportedLayerError(layer.name, className, detail);
    const x = inputs[0]!;
    const inShape = node.inputTensors[0]!.shape;
    const rank = inShape.length;
    const out = node.outputTensors[0]!;
    const channelsLast = () => {
      if (config['dataFormat'] !== undefined && config['dataFormat'] !== 'channelsLast') throw unsupported(`dataFormat ${String(config['dataFormat'])}`);
    };
    switch (className) {
      case 'Conv2D':
      case 'DepthwiseConv2D':
        channelsLast();
        return this.conv(layer, x, inShape, out, className === 'DepthwiseConv2D', config, unsupported);
      case 'Dense': {
        if (rank !== 2) throw unsupported(`Dense on a rank-${rank} input`);
        return this.dense(layer, x, out, config, unsupported);
      }
      case 'BatchNormalization': {
        const { scale, shift } = batchNormAffine(layer, rank, config, unsupported);
        const dims = rank === 4 ? [scale.length, 1, 1] : [scale.length];
        const scaled = this.graph.node('Mul', [x, this.graph.floatTensor(`${layer.name}/scale`, scale, dims)], `${layer.name}/mul`);
        return this.graph.node('Add', [scaled, this.graph.floatTensor(`${layer.name}/shift`, shift, dims)], layer.name);
      }
      case 'Activation':
        return this.activation(x, config['activation'] as string, rank, layer.name, unsupported);
      case 'ReLU': {
        const maxValue = config['maxValue'] as number | null | undefined;
        if (maxValue == null) return this.graph.node('Relu', [x], layer.name);
        return this.clip(x, 0, maxValue, layer.name);
      }
      case 'LeakyReLU':
        return this.graph.node('LeakyRelu', [x], layer.name, { alpha: { float: config['alpha'] as number } });
      case 'ELU':
        return this.graph.node('Elu', [x], layer.name, { alpha: { float: config['alpha'] as number } });
      case 'Softmax':
        return this.graph.node('Softmax', [x], layer.name, { axis: this.axis(config['axis'] as number, rank) });
      case 'HardSwish': // @ssl-distill/models' x * relu6(x + 3) / 6 (MobileNetV3)
        return this.hardSwish(x, layer.name);
      case 'HardSigmoid': // @ssl-distill/models' relu6(x + 3) / 6, not tfjs' 'hardSigmoid' activation
        return this.graph.node('HardSigmoid', [x], layer.name, { alpha: { float: 1 / 6 }, beta: { float: 0.5 } });
      case 'Add':
        return this.graph.node('Sum', this.sameRank(inputs, node, unsupported), layer.name);
      case 'Average':
        return this.graph.node('Mean', this.sameRank(inputs, node, unsupported), layer.name);
      case 'Maximum':
        return this.graph.node('Max', this.sameRank(inputs, node, unsupported), layer.name);
      case 'Minimum':
        return this.graph.node('Min', this.sameRank(inputs, node, unsupported), layer.name);
      case 'Subtract':
        return this.graph.node('Sub', this.sameRank(inputs, node, unsupported), layer.name);
      case 'Multiply':
        return this.sameRank(inputs, node, unsupported).reduce((product, factor, i) =>
          i === 0 ? factor : this.graph.node('Mul', [product, factor], i === inputs.length - 1 ? layer.name : `${layer.name}/mul${i}`));
      case 'Concatenate':
        return this.graph.node('Concat', this.sameRank(inputs, node, unsupported), layer.name, { axis: this.axis((config['axis'] as number | undefined) ?? -1, rank) });
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        channelsLast();
        const kernel = pair(config['poolSize']);
        const strides = pair(config['strides'] ?? config['poolSize']);
        const pads = this.pads(config['padding'] as string, inShape, kernel, strides, [1, 1], unsupported);
        const max = className === 'MaxPooling2D';
        // count_include_pad 0: TF's 'same' average pooling divides by the pixels inside the image.
        return this.graph.node(max ? 'MaxPool' : 'AveragePool', [x], layer.name, {
          kernel_shape: kernel, strides, pads, ...(max ? {} : { count_include_pad: 0 }),
        });
      }
      case 'GlobalAveragePooling2D':
      case 'GlobalMaxPooling2D': {
        channelsLast();
        if (config['keepDims']) throw unsupported('keepDims');
        const pooled = this.graph.node(className === 'GlobalMaxPooling2D' ? 'GlobalMaxPool' : 'GlobalAveragePool', [x], `${layer.name}/pool`);
        return this.graph.node('Flatten', [pooled], layer.name, { axis: 1 });
      }
      case 'Flatten':
        if (rank === 2) return x;
        return this.graph.node('Flatten', [rank === 4 ? this.transpose(x, TO_NHWC, `${layer.name}/nhwc`) : x], layer.name, { axis: 1 });
      case 'Reshape': {
        const target = config['targetShape'] as number[];
        const source = rank === 4 ? this.transpose(x, TO_NHWC, `${layer.name}/nhwc`) : x;
        // 0 copies the batch size from the input (allowzero = 0).
        const shape = this.graph.int64Tensor(`${layer.name}/shape`, [0, ...target]);
        const reshaped = this.graph.node('Reshape', [source, shape], target.length === 3 ? `${layer.name}/nhwc_out` : layer.name);
        return target.length === 3 ? this.transpose(reshaped, TO_NCHW, layer.name) : reshaped;
      }
      case 'ZeroPadding2D': {
        channelsLast();
        const [[top, bottom], [left, right]] = config['padding'] as [[number, number], [number, number]];
        const pads = this.graph.int64Tensor(`${layer.name}/pads`, [0, 0, top, left, 0, 0, bottom, right]);
        return this.graph.node('Pad', [x, pads], layer.name, { mode: 'constant' });
      }
      case 'L2Normalize': {
        const epsilon = config['epsilon'] as number;
        const squares = this.graph.node('ReduceSumSquare', [x], `${layer.name}/sum_squares`, { axes: [this.axis(config['axis'] as number, rank)], keepdims: 1 });
        const floor = this.graph.floatTensor(`${layer.name}/epsilon_squared`, Float32Array.of(epsilon * epsilon), []);
        const norm = this.graph.node('Sqrt', [this.graph.node('Max', [squares, floor], `${layer.name}/clamped`)], `${layer.name}/norm`);
        return this.graph.node('Div', [x, norm], layer.name);
      }
      case 'Dropout':
      case 'SpatialDropout1D':
      case 'SpatialDropout2D':
      case 'GaussianNoise':
      case 'GaussianDropout':
      case 'AlphaDropout':
        return x; // identity at inference
      default:
        throw unsupported();
    }
  }

  /** tfjs axis (negative counts from the end) -> ONNX axis, remapped for NCHW tensors. */
  private axis(axis: number, rank: number): number {
    const positive = axis < 0 ? axis + rank : axis;
    return rank === 4 ? NCHW_AXIS[positive]! : positive;
  }

  private sameRank(inputs: string[], node: InboundNode, unsupported: (detail?: string) => Error): string[] {
    const ranks = new Set(node.inputTensors.map((t) => t.shape.length));
    if (ranks.size !== 1) throw unsupported(`inputs of different ranks (${[...ranks].join(', ')})`);
    return inputs;
  }

  private transpose(x: string, perm: number[], base: string): string {
    return this.graph.node('Transpose', [x], base, { perm });
  }

  private clip(x: string, min: number, max: number, base: string): string {
    const low = this.graph.floatTensor(`${base}/min`, Float32Array.of(min), []);
    const high = this.graph.floatTensor(`${base}/max`, Float32Array.of(max), []);
    return this.graph.node('Clip', [x, low, high], base);
  }

  /** x * relu6(x + 3) / 6 (MobileNetV3), as x * HardSigmoid(alpha 1/6, beta 1/2). */
  private hardSwish(x: string, base: string): string {
    const gate = this.graph.node('HardSigmoid', [x], `${base}/gate`, { alpha: { float: 1 / 6 }, beta: { float: 0.5 } });
    return this.graph.node('Mul', [x, gate], base);
  }

  private activation(x: string, identifier: string, rank: number, base: string, unsupported: (detail?: string) => Error): string {
    const unary = (op: string, attributes?: Record<string, AttributeValue>) => this.graph.node(op, [x], base, attributes);
    switch (identifier) {
      case 'linear':
        return x;
      case 'relu':
        return unary('Relu');
      case 'relu6':
        return this.clip(x, 0, 6, base);
      case 'sigmoid':
        return unary('Sigmoid');
      case 'tanh':
        return unary('Tanh');
      case 'softplus':
        return unary('Softplus');
      case 'softsign':
        return unary('Softsign');
      case 'elu':
        return unary('Elu', { alpha: { float: 1 } });
      case 'selu':
        return unary('Selu', { alpha: { float: 1.6732632423543772 }, gamma: { float: 1.0507009873554805 } });
      case 'hardSigmoid': // tfjs: clip(0.2 x + 0.5, 0, 1)
        return unary('HardSigmoid', { alpha: { float: 0.2 }, beta: { float: 0.5 } });
      case 'hardSwish':
      case 'hard_swish':
        return this.hardSwish(x, base);
      case 'swish':
        return this.graph.node('Mul', [x, this.graph.node('Sigmoid', [x], `${base}/gate`)], base);
      case 'mish': {
        const softplus = this.graph.node('Softplus', [x], `${base}/softplus`);
        return this.graph.node('Mul', [x, this.graph.node('Tanh', [softplus], `${base}/tanh`)], base);
      }
      case 'softmax':
        return unary('Softmax', { axis: rank === 4 ? 1 : -1 });
      default:
        throw unsupported(`activation '${identifier}' has no ONNX translation`);
    }
  }

  private pads(padding: string, inShape: Array<number | null>, kernel: [number, number], strides: [number, number], dilations: [number, number], unsupported: (detail?: string) => Error): number[] {
    if (padding === 'valid') return [0, 0, 0, 0];
    if (padding !== 'same') throw unsupported(`padding '${padding}'`);
    const [height, width] = [inShape[1], inShape[2]];
    if (height == null || width == null) throw unsupported('unknown input height or width');
    const [top, bottom] = samePads(height, kernel[0], strides[0], dilations[0]);
    const [left, right] = samePads(width, kernel[1], strides[1], dilations[1]);
    return [top, left, bottom, right];
  }

  /** The BN layer that is the sole reader of `output`, when it can be folded into the layer making it. */
  private foldableBatchNorm(output: Symbolic, activation: unknown): Layer | undefined {
    const readers = this.consumers.get(output.id) ?? [];
    if (activation !== 'linear' || readers.length !== 1 || this.modelOutputs.has(output.id)) return undefined;
    return readers[0]!.getClassName() === 'BatchNormalization' ? readers[0] : undefined;
  }

  /** Marks `bn` as folded: its output is the value `name`. Returns the BN's affine map. */
  private fold(bn: Layer, name: string, rank: number): Affine {
    const config = bn.getConfig() as Record<string, unknown>;
    const affine = batchNormAffine(bn, rank, config, (detail) => new UnsupportedLayerError(bn.name, 'BatchNormalization', detail));
    const node = (bn as unknown as { inboundNodes: InboundNode[] }).inboundNodes[0]!;
    this.values.set(node.outputTensors[0]!.id, name);
    this.folded.add(bn);
    return affine;
  }

  private conv(layer: Layer, x: string, inShape: Array<number | null>, out: Symbolic, depthwise: boolean, config: Record<string, unknown>, unsupported: (detail?: string) => Error): string {
    const kernel = pair(config['kernelSize']);
    const strides = pair(config['strides']);
    const dilations = pair(config['dilationRate'] ?? 1);
    const pads = this.pads(config['padding'] as string, inShape, kernel, strides, dilations, unsupported);
    const [weights, bias] = layer.getWeights();
    const [kh, kw, inChannels, last] = weights!.shape as [number, number, number, number];
    const kernelValues = weights!.dataSync() as Float32Array;
    // tfjs: [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]); ONNX: [out, in / group, kh, kw],
    // where a depthwise output channel c * multiplier + m reads input channel c.
    const outChannels = depthwise ? inChannels * last : last;
    const perFilter = depthwise ? kh * kw : inChannels * kh * kw;
    const onnxKernel = new Float32Array(outChannels * perFilter);
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        for (let c = 0; c < inChannels; c++) {
          for (let o = 0; o < last; o++) {
            const source = ((i * kw + j) * inChannels + c) * last + o;
            const target = depthwise ? (c * last + o) * perFilter + i * kw + j : o * perFilter + (c * kh + i) * kw + j;
            onnxKernel[target] = kernelValues[source]!;
          }
        }
      }
    }
    let biasValues: Float32Array | undefined = bias ? Float32Array.from(bias.dataSync()) : undefined;
    const activation = config['activation'];
    const bn = this.foldableBatchNorm(out, activation);
    const base = bn ? `${layer.name}+bn` : layer.name;
    const preActivation = activation === 'linear' ? base : `${base}/linear`;
    // The name is decided before the BN's output is bound to it.
    const convName = this.graph.uniqueName(preActivation);
    if (bn) biasValues = this.foldInto(this.fold(bn, convName, 4), onnxKernel, perFilter, biasValues);
    const convInputs = [x, this.graph.floatTensor(`${layer.name}/weight`, onnxKernel, [outChannels, depthwise ? 1 : inChannels, kh, kw])];
    if (biasValues) convInputs.push(this.graph.floatTensor(`${layer.name}/bias`, biasValues, [outChannels]));
    this.graph.nodeWithOutput('Conv', convInputs, convName, { kernel_shape: kernel, strides, dilations, pads, group: depthwise ? inChannels : 1 });
    return activation === 'linear' ? convName : this.activation(convName, activation as string, 4, layer.name, unsupported);
  }

  private dense(layer: Layer, x: string, out: Symbolic, config: Record<string, unknown>, unsupported: (detail?: string) => Error): string {
    const [weights, bias] = layer.getWeights();
    const [inUnits, units] = weights!.shape as [number, number];
    // Gemm with transB = 1 takes [units, in]: the per-output rows BN folding scales.
    const kernel = weights!.dataSync() as Float32Array;
    const rows = new Float32Array(units * inUnits);
    for (let i = 0; i < inUnits; i++) for (let o = 0; o < units; o++) rows[o * inUnits + i] = kernel[i * units + o]!;
    let biasValues: Float32Array | undefined = bias ? Float32Array.from(bias.dataSync()) : undefined;
    const activation = config['activation'];
    const bn = this.foldableBatchNorm(out, activation);
    const base = bn ? `${layer.name}+bn` : layer.name;
    const gemmName = this.graph.uniqueName(activation === 'linear' ? base : `${base}/linear`);
    if (bn) biasValues = this.foldInto(this.fold(bn, gemmName, 2), rows, inUnits, biasValues);
    const inputs = [x, this.graph.floatTensor(`${layer.name}/weight`, rows, [units, inUnits])];
    if (biasValues) inputs.push(this.graph.floatTensor(`${layer.name}/bias`, biasValues, [units]));
    this.graph.nodeWithOutput('Gemm', inputs, gemmName, { transB: 1 });
    return activation === 'linear' ? gemmName : this.activation(gemmName, activation as string, 2, layer.name, unsupported);
  }

  /** y = scale * (W x + b) + shift: scales each output's weights, returns the new bias. */
  private foldInto({ scale, shift }: Affine, weights: Float32Array, perOutput: number, bias: Float32Array | undefined): Float32Array {
    for (let o = 0; o < scale.length; o++) {
      for (let k = 0; k < perOutput; k++) weights[o * perOutput + k]! *= scale[o]!;
    }
    return Float32Array.from(scale, (s, o) => s * (bias?.[o] ?? 0) + shift[o]!);
  }
}

/** Inference-mode BN as y = scale * x + shift per channel (the last tfjs axis). */
function batchNormAffine(layer: Layer, rank: number, config: Record<string, unknown>, unsupported: (detail?: string) => Error): Affine {
  const axis = config['axis'] as number;
  if (axis !== -1 && axis !== rank - 1) throw unsupported(`normalises axis ${axis}, not the channel axis`);
  const epsilon = config['epsilon'] as number;
  const named = new Map(layer.weights.map((weight, i) => [weight.originalName.split('/').at(-1)!, layer.getWeights()[i]!.dataSync() as Float32Array]));
  const mean = named.get('moving_mean');
  const variance = named.get('moving_variance');
  if (!mean || !variance) throw unsupported('has no moving statistics');
  const gamma = named.get('gamma');
  const beta = named.get('beta');
  const scale = Float32Array.from(mean, (_, c) => (gamma?.[c] ?? 1) / Math.sqrt(variance[c]! + epsilon));
  const shift = Float32Array.from(mean, (m, c) => (beta?.[c] ?? 0) - m * scale[c]!);
  return { scale, shift };
}
