import * as tf from '@tensorflow/tfjs';

/**
 * Backprop that keeps only what backprop reads, for as long as it reads it. Stock tfjs keeps every
 * op's saved forward tensors until the whole backward pass ends and every intermediate gradient
 * until its 'backward' tidy ends, so a training step peaks at all activations plus all their
 * gradients: 5.3 GB of RSS for the README's SimCLR teacher at 2 x 256 images of 28x28. Here:
 *
 * - a node's saved tensors and its outputs' gradients are disposed as soon as that node's input
 *   gradients exist, and a partial input gradient as soon as it is added into that input's sum;
 * - what a gradient function is given is chosen so that less stays alive, never so that it
 *   computes anything else: Mean, Sum, Reshape, Add and Sub read only their inputs' shapes, so
 *   they get shapes without data; Relu's gradient reads only whether its input is > 0 (or NaN), which its
 *   output tells exactly as well, and that output is usually saved anyway (the next conv's input);
 *   a saved elementwise result whose own inputs are saved anyway (batch norm's x - mean, which
 *   Square saves, from x and the mean) is recomputed by the same kernel on the same inputs just
 *   before its gradient runs.
 *
 * The same gradient functions run in the same order with the same adds on the same values, so the
 * gradients are bit for bit tfjs's own (lean-backprop.spec.ts checks it on each backend). It
 * replaces methods of the engine's internals, written against this tfjs-core version: for any
 * other, installLeanBackprop() leaves tfjs alone and says so (more memory, same numbers).
 */
export const LEAN_BACKPROP_TFJS_VERSION = '4.22.0';

type GradientFunctions = Record<string, () => tf.Tensor>;

interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  gradient?: (dys: (tf.Tensor | null)[]) => GradientFunctions;
  /** Mutable: lean backprop puts recomputed tensors in place of their recipes. */
  saved?: SavedEntry[];
}

/** The parts of tfjs 4.22's Engine used here (private in its typings). */
interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  startTape(): void;
  endTape(): void;
  tidy<T extends tf.TensorContainer>(name: string, f: () => T): T;
  clone(x: tf.Tensor): tf.Tensor;
  keep<T extends tf.Tensor>(x: T): T;
  runKernel(kernelName: string, inputs: tf.NamedTensorMap, attrs: tf.NamedAttrMap): tf.Tensor | tf.Tensor[];
  gradients: Gradients;
  getTensorsForGradient(kernelName: string, inputs: tf.NamedTensorMap, outputs: tf.Tensor[]): SavedEntry[];
  saveTensorsForBackwardMode(tensors: SavedEntry[]): SavedEntry[];
  addTapeNode(kernelName: string, inputs: tf.NamedTensorMap, outputs: tf.Tensor[], gradientsFunc: unknown, saved: SavedEntry[], attrs: tf.NamedAttrMap): void;
}
type Gradients = (f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients?: boolean) => { value: tf.Tensor; grads: tf.Tensor[] };
type EngineMethod = 'gradients' | 'getTensorsForGradient' | 'saveTensorsForBackwardMode' | 'addTapeNode';

/**
 * A saved tensor's shape and dtype without its data, for gradients that read nothing else. It is
 * marked disposed, so anything that tried to read its values would throw rather than compute.
 */
const SHAPE_ONLY_ID = -1;
function shapeOnly(tensor: tf.Tensor): tf.Tensor {
  const standIn = Object.create(tf.Tensor.prototype) as tf.Tensor & { isDisposedInternal: boolean };
  Object.assign(standIn, { shape: tensor.shape.slice(), dtype: tensor.dtype, size: tensor.size, strides: tensor.strides, id: SHAPE_ONLY_ID, isDisposedInternal: true });
  return standIn;
}

/** How to compute a saved tensor again: its kernel, on kept clones of its inputs. */
class Recipe {
  constructor(
    readonly kernelName: string,
    readonly inputs: tf.NamedTensorMap,
    readonly attrs: tf.NamedAttrMap,
  ) {}

  dispose(): void {
    for (const input of Object.values(this.inputs)) input.dispose();
  }
}
type SavedEntry = tf.Tensor | Recipe;

/** Gradients that read only the shapes of their saved inputs (on every backend's registration). */
const SHAPE_ONLY_GRADIENTS = new Set<string>([tf.Mean, tf.Sum, tf.Reshape, tf.Add, tf.Sub]);
/** Single-output elementwise kernels: each output element from the same input elements on every run. */
const RECOMPUTABLE_KERNELS = new Set<string>([tf.Sub, tf.Add, tf.Multiply]);
/** A recipe may keep an input nobody else saves if it is this many times smaller than its result. */
const SMALL_INPUT_RATIO = 16;

interface Producer {
  kernelName: string;
  inputs: tf.NamedTensorMap;
  attrs: tf.NamedAttrMap;
}

/** State of the outermost gradients() call in progress (the policy leaves nested ones alone). */
let producers = new WeakMap<tf.Tensor, Producer>();
/** The data of saved tensors (custom-gradient ops' included): a recipe may hold clones of these for free. */
let savedData = new WeakSet<object>();

const isOutermostTape = (engine: EngineInternals) => engine.state.gradientDepth === 1;
const isInput = (inputs: tf.NamedTensorMap, tensor: SavedEntry) => Object.values(inputs).includes(tensor as tf.Tensor);

function choose(engine: EngineInternals, kernelName: string, inputs: tf.NamedTensorMap, outputs: tf.Tensor[], stock: SavedEntry[]): SavedEntry[] {
  if (!isOutermostTape(engine)) return stock;
  if (SHAPE_ONLY_GRADIENTS.has(kernelName) && stock.every((tensor) => isInput(inputs, tensor))) return stock.map((tensor) => shapeOnly(tensor as tf.Tensor));
  if (kernelName === tf.Relu && stock.length === 1 && stock[0] === inputs.x) return [outputs[0]!];
  return stock.map((tensor) => {
    if (!(tensor instanceof tf.Tensor) || savedData.has(tensor.dataId)) return tensor;
    const producer = producers.get(tensor);
    const cheapToHold = (input: tf.Tensor) =>
      !input.isDisposed && (savedData.has(input.dataId) || input instanceof tf.Variable || input.size * SMALL_INPUT_RATIO <= tensor.size);
    return producer && Object.values(producer.inputs).every(cheapToHold) ? new Recipe(producer.kernelName, producer.inputs, producer.attrs) : tensor;
  });
}

function save(engine: EngineInternals, entries: SavedEntry[]): SavedEntry[] {
  return entries.map((entry) => {
    if (entry instanceof Recipe) {
      const inputs = Object.fromEntries(Object.entries(entry.inputs).map(([name, input]) => [name, engine.keep(engine.clone(input))]));
      return new Recipe(entry.kernelName, inputs, entry.attrs);
    }
    return entry.id === SHAPE_ONLY_ID ? entry : engine.keep(engine.clone(entry));
  });
}

function recordNode(engine: EngineInternals, kernelName: string, inputs: tf.NamedTensorMap, outputs: tf.Tensor[], saved: SavedEntry[], attrs: tf.NamedAttrMap): void {
  if (!isOutermostTape(engine)) return;
  for (const entry of saved ?? []) if (entry instanceof tf.Tensor && entry.id !== SHAPE_ONLY_ID) savedData.add(entry.dataId);
  if (RECOMPUTABLE_KERNELS.has(kernelName) && outputs.length === 1) producers.set(outputs[0]!, { kernelName, inputs, attrs });
}

/** Computes a node's recipes again, in place: its gradient function reads the same array. */
function materialize(engine: EngineInternals, node: TapeNode): void {
  const saved = node.saved ?? [];
  saved.forEach((entry, i) => {
    if (!(entry instanceof Recipe)) return;
    saved[i] = engine.runKernel(entry.kernelName, entry.inputs, entry.attrs) as tf.Tensor;
    entry.dispose();
  });
}

function disposeSaved(node: TapeNode, inUse: (tensor: tf.Tensor) => boolean): void {
  for (const entry of node.saved ?? []) if (entry instanceof Recipe || !inUse(entry)) entry.dispose();
}

/**
 * The tape nodes on a path from some x to y, in tape order, each with its inputs pruned to those
 * that depend on an x (tfjs's getFilteredNodesXToY, which its package does not export).
 */
function nodesFromXsToY(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX = new Set(xs.map((x) => x.id));
  const nodesFromX = new Set<number>();
  for (const node of tape) {
    if (Object.values(node.inputs).some((input) => fromX.has(input.id))) {
      node.outputs.forEach((output) => fromX.add(output.id));
      nodesFromX.add(node.id);
    }
  }
  const leadsToY = new Set([y.id]);
  const nodesToY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i]!;
    if (node.outputs.some((output) => leadsToY.has(output.id))) {
      for (const input of Object.values(node.inputs)) leadsToY.add(input.id);
      if (Object.keys(node.inputs).length > 0) nodesToY.add(node.id);
    }
  }
  return tape
    .filter((node) => nodesFromX.has(node.id) && nodesToY.has(node.id))
    .map((node) => ({ ...node, inputs: Object.fromEntries(Object.entries(node.inputs).filter(([, input]) => fromX.has(input.id))) }));
}

function leanGradients(this: EngineInternals, f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients = false) {
  tf.util.assert(xs.length > 0, () => 'gradients() received an empty list of xs.');
  if (dy != null && dy.dtype !== 'float32') throw new Error(`dy must have 'float32' dtype, but has '${dy.dtype}'`);
  // Saved tensors serve a higher-order gradient still to come when the depth is above 0.
  const outermost = this.state.gradientDepth === 0;
  if (outermost) {
    producers = new WeakMap();
    savedData = new WeakSet();
  }
  const y = this.scopedRun(() => this.startTape(), () => this.endTape(), () => this.tidy('forward', f));
  tf.util.assert(y instanceof tf.Tensor, () => 'The result y returned by f() must be a tensor.');
  const tape = this.state.activeTape!;
  const filteredTape = nodesFromXsToY(tape, xs, y);
  if (!allowNoGradients && filteredTape.length === 0 && xs.length > 0) {
    throw new Error('Cannot compute gradient of y=f(x) with respect to x. Make sure that the f you passed encloses all operations that lead from x to y.');
  }
  return this.tidy('backward', () => {
    const gradientOf = new Map<number, tf.Tensor>([[y.id, dy ?? tf.ones(y.shape)]]);
    // What the caller passed or will receive is never freed here.
    const wanted = new Set(xs.map((x) => x.id));
    const inUse = (tensor: tf.Tensor) => {
      if (tensor === dy) return true;
      for (const gradient of gradientOf.values()) if (gradient === tensor) return true;
      return false;
    };
    if (outermost) {
      const used = new Set(filteredTape.map((node) => node.id));
      for (const node of tape) if (!used.has(node.id)) disposeSaved(node, inUse);
    }
    for (let i = filteredTape.length - 1; i >= 0; i--) {
      const node = filteredTape[i]!;
      const dys = node.outputs.map((output) => gradientOf.get(output.id) ?? null);
      if (node.gradient == null) throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
      materialize(this, node);
      const inputGradients = node.gradient(dys);
      for (const inputName in node.inputs) {
        if (!(inputName in inputGradients)) {
          throw new Error(`Cannot backprop through input ${inputName}. Available gradients found: ${Object.keys(inputGradients)}.`);
        }
        const dx = this.tidy(inputName, () => inputGradients[inputName]!());
        if (dx.dtype !== 'float32') {
          throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input ${inputName} must have 'float32' dtype, but has '${dx.dtype}'`);
        }
        const x = node.inputs[inputName]!;
        if (!tf.util.arraysEqual(dx.shape, x.shape)) {
          throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input '${inputName}' has shape '${dx.shape}', which does not match the shape of the input '${x.shape}'`);
        }
        const sumSoFar = gradientOf.get(x.id);
        if (sumSoFar == null) {
          gradientOf.set(x.id, dx);
        } else {
          gradientOf.set(x.id, tf.add(sumSoFar, dx));
          if (!inUse(sumSoFar)) sumSoFar.dispose();
          if (!inUse(dx)) dx.dispose();
        }
      }
      // This node was the last reader of its outputs' gradients and of its saved tensors.
      for (const output of node.outputs) {
        const gradient = gradientOf.get(output.id);
        if (gradient == null || wanted.has(output.id)) continue;
        gradientOf.delete(output.id);
        if (!inUse(gradient)) gradient.dispose();
      }
      if (outermost) disposeSaved(node, inUse);
    }
    const grads = xs.map((x) => gradientOf.get(x.id)!);
    if (outermost) {
      for (const node of tape) disposeSaved(node, (tensor) => grads.includes(tensor));
      this.state.activeTape = null;
      producers = new WeakMap();
      savedData = new WeakSet();
    }
    return { value: y, grads };
  });
}

const INSTALLED = Symbol('ssl-distill lean backprop');
type Installable = EngineInternals & { [INSTALLED]?: true };

/**
 * Makes everything built on engine.gradients (tf.grads, tf.variableGrads, optimizer.minimize) use
 * the lean backprop. Idempotent; on another tfjs-core version it changes nothing and returns false.
 */
export function installLeanBackprop(log: (message: string) => void = (message) => console.error(message), tfjsVersion = tf.version_core): boolean {
  const engine = tf.engine() as unknown as Installable;
  if (engine[INSTALLED]) return true;
  if (tfjsVersion !== LEAN_BACKPROP_TFJS_VERSION) {
    log(`ssl-distill: tfjs-core ${tfjsVersion} is not ${LEAN_BACKPROP_TFJS_VERSION}: backprop keeps every activation (more memory, same numbers)`);
    return false;
  }
  const stock = {
    getTensorsForGradient: engine.getTensorsForGradient,
    addTapeNode: engine.addTapeNode,
  };
  engine.gradients = leanGradients as Gradients;
  engine.getTensorsForGradient = function (this: EngineInternals, kernelName, inputs, outputs) {
    return choose(this, kernelName, inputs, outputs, stock.getTensorsForGradient.call(this, kernelName, inputs, outputs));
  };
  engine.saveTensorsForBackwardMode = function (this: EngineInternals, entries) {
    return save(this, entries);
  };
  engine.addTapeNode = function (this: EngineInternals, kernelName, inputs, outputs, gradientsFunc, saved, attrs) {
    recordNode(this, kernelName, inputs, outputs, saved, attrs);
    stock.addTapeNode.call(this, kernelName, inputs, outputs, gradientsFunc, saved, attrs);
  };
  engine[INSTALLED] = true;
  return true;
}

/** Puts tfjs's own engine methods back (specs compare against them). */
export function uninstallLeanBackprop(): void {
  const engine = tf.engine() as unknown as Installable;
  for (const method of ['gradients', 'getTensorsForGradient', 'saveTensorsForBackwardMode', 'addTapeNode'] satisfies EngineMethod[]) {
    delete (engine as Partial<EngineInternals>)[method];
  }
  delete engine[INSTALLED];
}
