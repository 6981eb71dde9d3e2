// Builds an ONNX graph node by node: unique value names, float32/int64 initializers, typed attributes.
import { AttributeType, DataType, encodeModel, type AttributeJson, type NodeJson, type TensorJson, type ValueInfoJson } from './onnx-proto.js';

export type AttributeValue = number | number[] | string | { float: number } | { floats: number[] };

/** Integers become INT/INTS attributes; wrap floats as { float } / { floats } (1.0 looks like an int). */
function attribute(name: string, value: AttributeValue): AttributeJson {
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') return { name, type: AttributeType.INT, i: value };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.FLOATS, floats: value.floats };
}

function littleEndianBytes(values: Float32Array | BigInt64Array): Uint8Array {
  // Typed arrays use the platform's byte order; ONNX raw_data is little-endian (every platform we run on is).
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

export class OnnxGraph {
  readonly nodes: NodeJson[] = [];
  readonly initializers: TensorJson[] = [];
  private readonly used = new Set<string>();

  /** `base`, or `base_2`, `base_3`... when taken: tfjs layer names are unique but our helper nodes are not. */
  uniqueName(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  floatTensor(base: string, values: Float32Array, dims: number[]): string {
    const name = this.uniqueName(base);
    this.initializers.push({ name, dims, dataType: DataType.FLOAT, rawData: littleEndianBytes(values) });
    return name;
  }

  int64Tensor(base: string, values: number[]): string {
    const name = this.uniqueName(base);
    this.initializers.push({ name, dims: [values.length], dataType: DataType.INT64, rawData: littleEndianBytes(BigInt64Array.from(values, BigInt)) });
    return name;
  }

  /** Adds a node with one output named after `base`; returns the output's name. */
  node(opType: string, inputs: string[], base: string, attributes: Record<string, AttributeValue> = {}): string {
    return this.nodeWithOutput(opType, inputs, this.uniqueName(base), attributes);
  }

  /** Adds a node whose output name was reserved with uniqueName (when it must be known before the node). */
  nodeWithOutput(opType: string, inputs: string[], output: string, attributes: Record<string, AttributeValue> = {}): string {
    this.nodes.push({
      input: inputs,
      output: [output],
      name: output,
      opType,
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return output;
  }
}

/** A float tensor value: fixed sizes as numbers, symbolic ones (the batch) as strings. */
export function floatValueInfo(name: string, dims: Array<number | string>): ValueInfoJson {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType.FLOAT,
        shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  };
}

export const OPSET = 13;
/** IR version 7 is the one that goes with opset 13. */
const IR_VERSION = 7;

export interface GraphOutput {
  graph: OnnxGraph;
  name: string;
  inputs: ValueInfoJson[];
  outputs: ValueInfoJson[];
  metadata: Record<string, string>;
  docString?: string;
}

export function serializeGraph({ graph, name, inputs, outputs, metadata, docString }: GraphOutput): Uint8Array {
  return encodeModel({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'ssl-distill',
    producerVersion: '0.1.0',
    ...(docString !== undefined && { docString }),
    graph: { name, node: graph.nodes, initializer: graph.initializers, input: inputs, output: outputs },
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
}
