// Augmented view batches, rendered in this process (LocalViewSource) or by ingest workers over the
// bus (BusViewSource + serveViews). Both run renderViews on the same stored dataset, so by the
// determinism contract they return the same floats bit for bit.
import { planId, renderBatch, validatePlan, type ViewBatch, type ViewPlan } from '@ssl-distill/augment';
import { DEFAULT_VIEWS_QUEUE_GROUP, NoRespondersError, RequestTimeoutError, type DistillBus, type Subscription } from '@ssl-distill/bus';
import { bytesToFloat32, float32ToBytes, MalformedMessageError, SCHEMA_VERSION, type Message, type MessageInit, type MessageTypeName } from '@ssl-distill/proto';
import type { ObjectStore } from '@ssl-distill/store';
import { datasetReader, type DatasetReader } from './dataset-reader.js';

export interface ViewSource {
  /** Views `view` of epoch `epoch` of the samples `indices`, in that order: normalised NHWC floats. */
  render(datasetId: string, plan: ViewPlan, indices: ArrayLike<number>, epoch: number, view: number): Promise<ViewBatch>;
}

/**
 * The one rendering path shared by every source, so local and remote views cannot drift apart.
 * Renders a chunk of samples at a time, each chunk's shards held by the reader; a view depends
 * only on its image and coordinates, so the chunks joined are the batch rendered at once.
 */
export async function renderViews(reader: DatasetReader, plan: ViewPlan, indices: ArrayLike<number>, epoch: number, view: number): Promise<ViewBatch> {
  return joinBatches(await reader.gather(indices, (chunk) => renderBatch(chunk.imageAt, plan, chunk.indices.map((sample) => ({ sample, epoch, view })))));
}

/** Batches of the same view shape, one after another. */
function joinBatches(parts: ViewBatch[]): ViewBatch {
  if (parts.length === 1) return parts[0]!;
  const data = new Float32Array(parts.reduce((sum, part) => sum + part.data.length, 0));
  parts.reduce((offset, part) => (data.set(part.data, offset), offset + part.data.length), 0);
  const [, height, width, channels] = parts[0]!.shape;
  return { data, shape: [parts.reduce((sum, part) => sum + part.shape[0], 0), height, width, channels] };
}

/** Renders in this process from the store's dataset (one-process runs, and the workers themselves). */
export class LocalViewSource implements ViewSource {
  constructor(private readonly store: ObjectStore) {}

  async render(datasetId: string, plan: ViewPlan, indices: ArrayLike<number>, epoch: number, view: number): Promise<ViewBatch> {
    return renderViews(await datasetReader(this.store, datasetId), plan, indices, epoch, view);
  }
}

/**
 * The plan as a ViewPlan message. The message carries a preset plan's epochs, views and seed only,
 * so a plan with its own pipelines, output size or normalisation is refused rather than rendered
 * differently by the worker.
 */
export function viewPlanToMessage(plan: ViewPlan): MessageInit<'ViewPlan'> {
  const id = planId(plan);
  if (plan.kind === 'replay' && plan.preset === undefined) {
    throw new TypeError(`view plan ${id} has its own pipelines; a ViewPlan message carries only a preset name`);
  }
  const message: MessageInit<'ViewPlan'> =
    plan.kind === 'fixed'
      ? { schemaVersion: SCHEMA_VERSION, planId: id, fixed: {} }
      : { schemaVersion: SCHEMA_VERSION, planId: id, replay: { epochs: plan.epochs, preset: plan.preset, planSeed: plan.seed, viewsPerEpoch: plan.views } };
  if (planId(planOfMessage(message, 'ViewPlan')) !== id) {
    throw new TypeError(`view plan ${id} sets an output size or normalisation, which a ViewPlan message cannot carry; render it with LocalViewSource`);
  }
  return message;
}

function planOfMessage(message: MessageInit<'ViewPlan'>, typeName: MessageTypeName): ViewPlan {
  try {
    if (message.fixed) return validatePlan({ kind: 'fixed' });
    if (message.replay) {
      const { epochs, preset, planSeed, viewsPerEpoch } = message.replay;
      return validatePlan({ kind: 'replay', epochs, preset, seed: planSeed ?? 0, views: viewsPerEpoch });
    }
  } catch (error) {
    throw new MalformedMessageError(typeName, `plan: ${(error as Error).message}`);
  }
  throw new MalformedMessageError(typeName, 'plan: sets neither fixed nor replay');
}

/** The plan a ViewPlan message names, checked against its plan id; errors name `typeName`, the message it came in. */
export function viewPlanFromMessage(message: MessageInit<'ViewPlan'>, typeName: MessageTypeName = 'ViewPlan'): ViewPlan {
  const plan = planOfMessage(message, typeName);
  const id = planId(plan);
  if (message.planId !== id) throw new MalformedMessageError(typeName, `plan: planId "${message.planId}" does not match the plan's content (${id})`);
  return plan;
}

function sampleSelection(indices: ArrayLike<number>): Pick<MessageInit<'ViewBatchRequest'>, 'range' | 'indices'> {
  const list = Array.from(indices);
  const contiguous = list.every((sample, i) => sample === list[0]! + i);
  return contiguous && list.length > 0 ? { range: { start: list[0], count: list.length } } : { indices: { indices: list } };
}

function requestedSamples(request: Message<'ViewBatchRequest'>): number[] {
  if (request.range) return Array.from({ length: request.range.count ?? 0 }, (_, i) => (request.range!.start ?? 0) + i);
  if (request.indices) return request.indices.indices ?? [];
  throw new MalformedMessageError('ViewBatchRequest', 'sets neither range nor indices');
}

export interface BusViewSourceOptions {
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  /** Attempts per batch when no worker answers in time (or none is subscribed yet). Default 3. */
  attempts?: number;
  /** Pause before a retry, doubled on each. Default 250 ms. */
  retryDelayMs?: number;
  /** Requests of one batch in flight at once, when it is split to fit the bus's max payload. Default 4. */
  inFlight?: number;
}

/** Bytes of a ViewBatchReply besides its floats: ids, plan id, shape, and up to 6 per sample index. */
const replyOverhead = (samples: number) => 1024 + 6 * samples;

/** Samples per reply so that a reply of views of `bytesPerView` fits `maxPayload`. */
export function samplesPerReply(bytesPerView: number, maxPayload: number): number {
  const fit = Math.floor((maxPayload - replyOverhead(0)) / (bytesPerView + 6));
  if (fit < 1) throw new RangeError(`one view is ${bytesPerView} bytes, more than the bus's max payload of ${maxPayload} bytes carries: raise the NATS server's max_payload`);
  return fit;
}

/** Asks the ingest workers (one member of their queue group per batch) for view batches over request-reply. */
export class BusViewSource implements ViewSource {
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly retryDelayMs: number;
  private readonly inFlight: number;
  /** Bytes of one view, by dataset and plan, learned from the first reply. */
  private readonly viewBytes = new Map<string, number>();

  constructor(
    private readonly bus: DistillBus,
    options: BusViewSourceOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.attempts = options.attempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 250;
    this.inFlight = options.inFlight ?? 4;
  }

  /**
   * A batch whose reply would pass the bus's max payload (NATS: 1 MiB by default; 256 views of
   * 224x224x3 are 154 MB) goes as several requests, `inFlight` at a time, each answered by
   * whichever worker of the queue group takes it; the parts are joined in order.
   */
  async render(datasetId: string, plan: ViewPlan, indices: ArrayLike<number>, epoch: number, view: number): Promise<ViewBatch> {
    const samples = Array.from(indices);
    const planMessage = viewPlanToMessage(plan);
    const sizeKey = `${datasetId}/${planMessage.planId}`;
    const parts: ViewBatch[] = [];
    let start = 0;
    if (!this.viewBytes.has(sizeKey)) {
      // The first batch of a (dataset, plan) learns a view's size from a one-sample reply.
      parts.push(await this.renderPart(datasetId, planMessage, samples.slice(0, 1), epoch, view));
      this.viewBytes.set(sizeKey, parts[0]!.data.byteLength);
      start = 1;
    }
    const perReply = samplesPerReply(this.viewBytes.get(sizeKey)!, this.bus.maxPayload);
    const ranges: number[][] = [];
    for (let from = start; from < samples.length; from += perReply) ranges.push(samples.slice(from, from + perReply));
    const rendered = new Array<ViewBatch>(ranges.length);
    let next = 0;
    const lane = async () => {
      while (next < ranges.length) {
        const k = next++;
        rendered[k] = await this.renderPart(datasetId, planMessage, ranges[k]!, epoch, view);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.inFlight, ranges.length) }, lane));
    parts.push(...rendered);
    return joinBatches(parts);
  }

  private async renderPart(datasetId: string, plan: MessageInit<'ViewPlan'>, samples: number[], epoch: number, view: number): Promise<ViewBatch> {
    const request = { datasetId, plan, ...sampleSelection(samples), epoch, view };
    return checkReply(await this.requestWithRetry(request), request, samples);
  }

  private async requestWithRetry(request: MessageInit<'ViewBatchRequest'>): Promise<Message<'ViewBatchReply'>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.bus.requestViews(request, { timeoutMs: this.timeoutMs });
      } catch (error) {
        // Only a missing or slow worker is worth retrying; a worker's error or a malformed reply repeats.
        const transient = error instanceof RequestTimeoutError || error instanceof NoRespondersError;
        if (!transient || attempt >= this.attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  }
}

function checkReply(reply: Message<'ViewBatchReply'>, request: MessageInit<'ViewBatchRequest'>, samples: number[]): ViewBatch {
  const fail = (reason: string): never => {
    throw new MalformedMessageError('ViewBatchReply', reason);
  };
  const expected = { datasetId: request.datasetId, planId: request.plan?.planId, epoch: request.epoch, view: request.view };
  for (const [field, value] of Object.entries(expected)) {
    const found = reply[field as keyof typeof expected];
    if (found !== value) fail(`${field} is ${JSON.stringify(found)}, the request asked for ${JSON.stringify(value)}`);
  }
  if (reply.sampleIndices.length !== samples.length || reply.sampleIndices.some((sample, i) => sample !== samples[i])) {
    fail(`sampleIndices differ from the ${samples.length} requested samples`);
  }
  const [n, height, width, channels] = reply.shape;
  if (reply.shape.length !== 4 || n !== samples.length) fail(`shape [${reply.shape.join(', ')}] is not [${samples.length}, height, width, channels]`);
  const data = bytesToFloat32(reply.data, 'ViewBatchReply.data');
  if (data.length !== n! * height! * width! * channels!) fail(`data holds ${data.length} floats, shape [${reply.shape.join(', ')}] needs ${n! * height! * width! * channels!}`);
  return { data, shape: [n!, height!, width!, channels!] };
}

/**
 * Answers view batch requests as a member of `queueGroup`. The default, "augment-workers", is the
 * one group the deployed NATS permissions let the ingest user subscribe with. A malformed request
 * gets an error reply (the requester sees it as RemoteHandlerError) and the worker keeps serving.
 */
export function serveViews(bus: DistillBus, store: ObjectStore, queueGroup = DEFAULT_VIEWS_QUEUE_GROUP): Promise<Subscription> {
  const local = new LocalViewSource(store);
  return bus.serveViews(async (request) => {
    if (!request.datasetId) throw new MalformedMessageError('ViewBatchRequest', 'datasetId is empty');
    if (!request.plan) throw new MalformedMessageError('ViewBatchRequest', 'plan is missing');
    const plan = viewPlanFromMessage(request.plan, 'ViewBatchRequest');
    const samples = requestedSamples(request);
    if (samples.length === 0) throw new MalformedMessageError('ViewBatchRequest', 'asks for no samples');
    const batch = await local.render(request.datasetId, plan, samples, request.epoch, request.view);
    const bytes = batch.data.byteLength + replyOverhead(samples.length);
    if (bytes > bus.maxPayload) {
      throw new RangeError(`${samples.length} views are about ${bytes} bytes, more than the bus's max payload of ${bus.maxPayload}: ask for at most ${samplesPerReply(batch.data.byteLength / samples.length, bus.maxPayload)} samples a request`);
    }
    return {
      datasetId: request.datasetId, planId: request.plan.planId, epoch: request.epoch, view: request.view,
      sampleIndices: samples, shape: batch.shape, data: float32ToBytes(batch.data),
    };
  }, queueGroup);
}
