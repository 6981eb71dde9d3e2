import * as tf from '@tensorflow/tfjs';

/**
 * A tf.layers model applied in training mode keeps every layer's output until the whole model has
 * run: tfjs-layers' executor frees an intermediate after its last reader only when `training` is
 * false (the tape once needed them; tfjs-core now keeps its own copies of what gradients read).
 * For the README's teacher that is 0.3 GB of outputs per view that nothing reads again. This runs
 * a training-mode call as the executor does (its order, its kwargs, its masks) and frees each
 * intermediate output after its last reader, as the executor does in inference. Inference calls
 * keep tfjs's own code. Written against this tfjs-layers version: installLeanLayers() changes
 * nothing on another one.
 */
export const LEAN_LAYERS_TFJS_VERSION = '4.22.0';

interface LayerInternals {
  apply(inputs: tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[];
  computeMask(inputs: tf.Tensor[], masks: (tf.Tensor | null)[]): tf.Tensor | tf.Tensor[] | null;
  supportsMasking: boolean;
  stateful: boolean;
  inboundNodes: { outputTensors: SymbolicInternals[] }[];
  output: SymbolicInternals | SymbolicInternals[];
  getOutputAt(nodeIndex: number): SymbolicInternals | SymbolicInternals[];
  getClassName(): string;
}
interface SymbolicInternals {
  id: number;
  name: string;
  dtype: tf.DataType;
  inputs: SymbolicInternals[];
  sourceLayer: LayerInternals;
}
interface ContainerInternals {
  inputs: SymbolicInternals[];
  outputs: SymbolicInternals[];
  call(inputs: tf.Tensor | tf.Tensor[], kwargs?: Kwargs): tf.Tensor | tf.Tensor[];
}
type Kwargs = Record<string, unknown>;

interface Schedule {
  sorted: SymbolicInternals[];
  /** How many symbolic tensors read each one (by name). */
  readers: Map<string, number>;
}

/** tfjs-layers' getTopologicalSortAndRecipientCounts: the executor's order, merged over outputs. */
function schedule(fetches: SymbolicInternals[], feedNames: Set<string>): Schedule {
  const sorted: SymbolicInternals[] = [];
  const readerNames = new Map<string, Set<string>>();
  const emitted = new Set<string>();
  for (const fetch of fetches) {
    const visited = new Set(feedNames);
    const stack = [fetch];
    const marks: number[] = [];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (visited.has(top.name)) {
        stack.pop();
        continue;
      }
      const topIsMarked = marks[marks.length - 1] === stack.length - 1;
      if (top.inputs.length === 0 || topIsMarked) {
        stack.pop();
        if (!emitted.has(top.name)) sorted.push(top);
        emitted.add(top.name);
        visited.add(top.name);
        if (topIsMarked) marks.pop();
      } else {
        marks.push(stack.length - 1);
        for (const input of top.inputs) {
          if (!readerNames.has(input.name)) readerNames.set(input.name, new Set());
          readerNames.get(input.name)!.add(top.name);
          if (!visited.has(input.name)) stack.push(input);
        }
      }
    }
  }
  return { sorted, readers: new Map([...readerNames].map(([name, readers]) => [name, readers.size])) };
}

function layerOutputs(symbolic: SymbolicInternals): SymbolicInternals[] {
  const layer = symbolic.sourceLayer;
  const nodeIndex = layer.inboundNodes.findIndex((node) => node.outputTensors.some((output) => output.id === symbolic.id));
  const outputs = layer.inboundNodes.length === 1 ? layer.output : layer.getOutputAt(nodeIndex);
  return Array.isArray(outputs) ? outputs : [outputs];
}

const schedules = new WeakMap<ContainerInternals, Schedule>();

/** tfjs-layers' execute(), freeing intermediates in training mode too. */
function executeFreeing(container: ContainerInternals, inputs: tf.Tensor[], kwargs: Kwargs): tf.Tensor[] {
  const values = new Map<number, tf.Tensor>();
  const masks = new Map<number, tf.Tensor | null>();
  container.inputs.forEach((input, i) => {
    const value = inputs[i]!;
    values.set(input.id, input.dtype == null || input.dtype === value.dtype ? value : tf.cast(value, input.dtype));
  });
  const feeds = new Set(container.inputs.map((input) => input.id));
  const outputNames = container.outputs.map((output) => output.name);
  const finalOutputs: (tf.Tensor | null)[] = container.outputs.map((output) => values.get(output.id) ?? null);
  let plan = schedules.get(container);
  if (!plan) schedules.set(container, (plan = schedule(container.outputs, new Set(container.inputs.map((input) => input.name)))));
  const readers = new Map(plan.readers);
  for (const symbolic of plan.sorted) {
    const layer = symbolic.sourceLayer;
    if (layer.getClassName() === 'InputLayer') continue;
    const inputValues: tf.Tensor[] = [];
    const inputMasks: (tf.Tensor | null)[] = [];
    const released: tf.Tensor[] = [];
    for (const input of symbolic.inputs) {
      const value = values.get(input.id)!;
      inputValues.push(value);
      inputMasks.push(masks.get(input.id) ?? null);
      const left = readers.get(input.name)! - 1;
      readers.set(input.name, left);
      if (left === 0 && !feeds.has(input.id) && !outputNames.includes(input.name) && !value.isDisposed && input.sourceLayer.stateful !== true) released.push(value);
    }
    if (inputMasks.some((mask) => mask != null)) kwargs.mask = inputMasks[0];
    const outputs = layer.apply(inputValues, kwargs);
    const outputList = Array.isArray(outputs) ? outputs : [outputs];
    const outputMask = layer.supportsMasking ? layer.computeMask(inputValues, inputMasks) : null;
    layerOutputs(symbolic).forEach((output, i) => {
      if (!values.has(output.id)) {
        values.set(output.id, outputList[i]!);
        masks.set(output.id, Array.isArray(outputMask) ? outputMask[0]! : outputMask);
      }
      const index = outputNames.indexOf(output.name);
      if (index !== -1) finalOutputs[index] = outputList[i]!;
    });
    tf.dispose(released);
  }
  tf.dispose([...masks.values()].filter((mask): mask is tf.Tensor => mask != null));
  return finalOutputs as tf.Tensor[];
}

const INSTALLED = Symbol('ssl-distill lean layers');

/** The prototype that defines call() for LayersModel (tfjs-layers' Container, not exported). */
function containerPrototype(): ContainerInternals & { [INSTALLED]?: (...args: never[]) => unknown } {
  return Object.getPrototypeOf(tf.LayersModel.prototype) as ContainerInternals;
}

/** Training-mode calls of every tf.layers model free intermediates; false (nothing changed) on another version. */
export function installLeanLayers(log: (message: string) => void = (message) => console.error(message), tfjsLayersVersion = tf.version_layers): boolean {
  const prototype = containerPrototype();
  if (prototype[INSTALLED]) return true;
  if (tfjsLayersVersion !== LEAN_LAYERS_TFJS_VERSION) {
    log(`ssl-distill: tfjs-layers ${tfjsLayersVersion} is not ${LEAN_LAYERS_TFJS_VERSION}: training keeps every layer's output to the end of the model`);
    return false;
  }
  const stockCall = prototype.call;
  prototype[INSTALLED] = stockCall;
  prototype.call = function (this: ContainerInternals, inputs: tf.Tensor | tf.Tensor[], kwargs?: Kwargs) {
    if (!kwargs?.training) return stockCall.call(this, inputs, kwargs);
    return tf.tidy(() => executeFreeing(this, Array.isArray(inputs) ? inputs : [inputs], kwargs));
  };
  return true;
}

/** Puts tfjs-layers' own call back (specs compare against it). */
export function uninstallLeanLayers(): void {
  const prototype = containerPrototype();
  const stockCall = prototype[INSTALLED];
  if (!stockCall) return;
  prototype.call = stockCall as ContainerInternals['call'];
  delete prototype[INSTALLED];
}
