// The evaluate stage's summary of one run (runs/{runId}/report.json), and its validation when read back.

export type RunRole = 'teacher' | 'student';

/** Free JSON description of the network (preset or kind, width, ...); `params` is shown in tables. */
export interface ModelSummary {
  params: number;
  [detail: string]: unknown;
}

/** The probes' datasets, by the names the pipeline file gives them (older reports: their ids). */
export interface DatasetSummary {
  train: string;
  test: string;
  trainCount: number;
  testCount: number;
  /** Content ids in the store, when the names above are names. */
  trainId?: string;
  testId?: string;
}

/** Every training step's loss and learning rate, in step order. */
export interface StepSeries {
  loss: number[];
  learningRate: number[];
}

/** The per-epoch quick k-NN probe: the subsets it really used. */
export interface CurveProbeSummary {
  trainImages: number;
  testImages: number;
}

/** A student's teacher, as its own report measured it. */
export interface TeacherSummary {
  name: string;
  runId: string;
  probes: ProbeSummaries;
}

/** One training epoch; accuracies everywhere in a report are fractions in [0, 1]. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  knnTop1?: number;
  /** Training images per second over the epoch's steps (the per-epoch probe not counted). */
  imagesPerSecond?: number;
}

export interface KnnProbeSummary {
  top1: number;
  top5: number;
  k: number;
  temperature: number;
}

export interface LinearProbeSummary {
  top1: number;
  top5: number;
  epochs: number;
}

export interface ProbeSummaries {
  knn?: KnnProbeSummary;
  linear?: LinearProbeSummary;
}

/** Counts of test images: `matrix[trueClass][predictedClass]`. */
export interface ConfusionSummary {
  classNames: string[];
  matrix: number[][];
}

/** Pixels are uint8, row-major height x width x channels. */
export type Pixels = number[] | Uint8Array;

export interface Neighbour {
  pixels: Pixels;
  label: number;
  similarity: number;
}

export interface NeighbourQuery {
  pixels: Pixels;
  label: number;
  predicted?: number;
  neighbours: Neighbour[];
}

/** Test images with their nearest training images in the run's feature space. */
export interface NeighbourGrid {
  height: number;
  width: number;
  channels: number;
  queries: NeighbourQuery[];
}

export interface RunReport {
  runId: string;
  name: string;
  role: RunRole;
  method: string;
  model: ModelSummary;
  dataset: DatasetSummary;
  backend: string;
  wallSeconds: number;
  seed: number;
  history: EpochRecord[];
  probes: ProbeSummaries;
  confusion?: ConfusionSummary;
  neighbours?: NeighbourGrid;
  /** Names of the labels used by `neighbours` (index = label). */
  classNames: string[];
  /** When training finished (ISO 8601). */
  date?: string;
  /** Software that made the run (ssl-distill, tfjs, node, ...). */
  versions?: Record<string, string>;
  /** The run's resolved configuration: model, method and its config, optimizer, view plan, epochs, batch size. */
  config?: Record<string, unknown>;
  steps?: StepSeries;
  curveProbe?: CurveProbeSummary;
  teacher?: TeacherSummary;
}

/** JSON text for report.json: typed pixel arrays become plain arrays (JSON.stringify would write them as objects). */
export function serializeRunReport(report: RunReport): string {
  return JSON.stringify(report, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value) : value));
}

/**
 * Validates a report read from JSON (text or already parsed); `source` (a path or key) starts every
 * error message, followed by the offending field's path. Pixel arrays come back as Uint8Array.
 */
export function parseRunReport(json: unknown, source: string): RunReport {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new Error(`${source}: not valid JSON (${(error as Error).message})`);
    }
  }
  return new ReportReader(source).report(value);
}

type JsonObject = Record<string, unknown>;

class ReportReader {
  constructor(private readonly source: string) {}

  report(value: unknown): RunReport {
    const root = this.object(value, 'report');
    const classNames = this.stringArray(root['classNames'], 'classNames');
    const report: RunReport = {
      runId: this.text(root['runId'], 'runId'),
      name: this.text(root['name'], 'name'),
      role: this.role(root['role'], 'role'),
      method: this.text(root['method'], 'method'),
      model: this.model(root['model'], 'model'),
      dataset: this.dataset(root['dataset'], 'dataset'),
      backend: this.text(root['backend'], 'backend'),
      wallSeconds: this.number(root['wallSeconds'], 'wallSeconds', 0),
      seed: this.integer(root['seed'], 'seed'),
      history: this.history(root['history'], 'history'),
      probes: this.probes(root['probes'], 'probes'),
      classNames,
    };
    if (root['confusion'] !== undefined) report.confusion = this.confusion(root['confusion'], 'confusion');
    if (root['neighbours'] !== undefined) {
      report.neighbours = this.neighbourGrid(root['neighbours'], 'neighbours', classNames.length);
    }
    if (root['date'] !== undefined) report.date = this.text(root['date'], 'date');
    if (root['versions'] !== undefined) {
      const versions = this.object(root['versions'], 'versions');
      report.versions = Object.fromEntries(Object.entries(versions).map(([name, version]) => [name, this.text(version, `versions.${name}`)]));
    }
    if (root['config'] !== undefined) report.config = this.object(root['config'], 'config');
    if (root['steps'] !== undefined) report.steps = this.steps(root['steps'], 'steps');
    if (root['curveProbe'] !== undefined) {
      const probe = this.object(root['curveProbe'], 'curveProbe');
      report.curveProbe = { trainImages: this.integer(probe['trainImages'], 'curveProbe.trainImages', 1), testImages: this.integer(probe['testImages'], 'curveProbe.testImages', 1) };
    }
    if (root['teacher'] !== undefined) {
      const teacher = this.object(root['teacher'], 'teacher');
      report.teacher = { name: this.text(teacher['name'], 'teacher.name'), runId: this.text(teacher['runId'], 'teacher.runId'), probes: this.probes(teacher['probes'], 'teacher.probes') };
    }
    return report;
  }

  private steps(value: unknown, path: string): StepSeries {
    const steps = this.object(value, path);
    const loss = this.array(steps['loss'], `${path}.loss`).map((item, i) => this.number(item, `${path}.loss[${i}]`));
    const learningRate = this.array(steps['learningRate'], `${path}.learningRate`).map((item, i) => this.number(item, `${path}.learningRate[${i}]`, 0));
    if (learningRate.length !== loss.length) this.fail(`${path}.learningRate`, `${loss.length} values (one per step)`, learningRate);
    return { loss, learningRate };
  }

  private model(value: unknown, path: string): ModelSummary {
    const model = this.object(value, path);
    return { ...model, params: this.integer(model['params'], `${path}.params`, 0) };
  }

  private dataset(value: unknown, path: string): DatasetSummary {
    const dataset = this.object(value, path);
    return {
      train: this.text(dataset['train'], `${path}.train`),
      test: this.text(dataset['test'], `${path}.test`),
      trainCount: this.integer(dataset['trainCount'], `${path}.trainCount`, 0),
      testCount: this.integer(dataset['testCount'], `${path}.testCount`, 0),
      ...(dataset['trainId'] !== undefined && { trainId: this.text(dataset['trainId'], `${path}.trainId`) }),
      ...(dataset['testId'] !== undefined && { testId: this.text(dataset['testId'], `${path}.testId`) }),
    };
  }

  private history(value: unknown, path: string): EpochRecord[] {
    const records = this.array(value, path).map((item, i) => {
      const at = `${path}[${i}]`;
      const entry = this.object(item, at);
      const record: EpochRecord = {
        epoch: this.integer(entry['epoch'], `${at}.epoch`, 0),
        loss: this.number(entry['loss'], `${at}.loss`),
      };
      if (entry['knnTop1'] !== undefined) record.knnTop1 = this.fraction(entry['knnTop1'], `${at}.knnTop1`);
      if (entry['imagesPerSecond'] !== undefined) record.imagesPerSecond = this.number(entry['imagesPerSecond'], `${at}.imagesPerSecond`, 0);
      return record;
    });
    // Charts join the epochs in order, so a shuffled or repeated epoch would draw a false curve.
    records.forEach((record, i) => {
      const previous = records[i - 1];
      if (previous && record.epoch <= previous.epoch) {
        this.fail(`${path}[${i}].epoch`, `greater than the previous epoch (${previous.epoch})`, record.epoch);
      }
    });
    return records;
  }

  private probes(value: unknown, path: string): ProbeSummaries {
    const probes = this.object(value, path);
    const summaries: ProbeSummaries = {};
    if (probes['knn'] !== undefined) {
      const knn = this.object(probes['knn'], `${path}.knn`);
      summaries.knn = {
        top1: this.fraction(knn['top1'], `${path}.knn.top1`),
        top5: this.fraction(knn['top5'], `${path}.knn.top5`),
        k: this.integer(knn['k'], `${path}.knn.k`, 1),
        temperature: this.positive(knn['temperature'], `${path}.knn.temperature`),
      };
    }
    if (probes['linear'] !== undefined) {
      const linear = this.object(probes['linear'], `${path}.linear`);
      summaries.linear = {
        top1: this.fraction(linear['top1'], `${path}.linear.top1`),
        top5: this.fraction(linear['top5'], `${path}.linear.top5`),
        epochs: this.integer(linear['epochs'], `${path}.linear.epochs`, 1),
      };
    }
    return summaries;
  }

  private confusion(value: unknown, path: string): ConfusionSummary {
    const confusion = this.object(value, path);
    const classNames = this.stringArray(confusion['classNames'], `${path}.classNames`);
    const rows = this.array(confusion['matrix'], `${path}.matrix`);
    if (rows.length !== classNames.length) {
      this.fail(`${path}.matrix`, `${classNames.length} rows (one per class name)`, rows);
    }
    const matrix = rows.map((row, i) => {
      const cells = this.array(row, `${path}.matrix[${i}]`);
      if (cells.length !== classNames.length) {
        this.fail(`${path}.matrix[${i}]`, `${classNames.length} counts (one per class name)`, cells);
      }
      return cells.map((cell, j) => this.integer(cell, `${path}.matrix[${i}][${j}]`, 0));
    });
    return { classNames, matrix };
  }

  private neighbourGrid(value: unknown, path: string, classCount: number): NeighbourGrid {
    const grid = this.object(value, path);
    const height = this.integer(grid['height'], `${path}.height`, 1);
    const width = this.integer(grid['width'], `${path}.width`, 1);
    const channels = this.integer(grid['channels'], `${path}.channels`, 1);
    if (channels !== 1 && channels !== 3 && channels !== 4) this.fail(`${path}.channels`, '1, 3 or 4', channels);
    const pixelCount = height * width * channels;
    const image = (item: JsonObject, at: string) => ({
      pixels: this.pixels(item['pixels'], `${at}.pixels`, pixelCount),
      label: this.label(item['label'], `${at}.label`, classCount),
    });
    const queries = this.array(grid['queries'], `${path}.queries`).map((item, i): NeighbourQuery => {
      const at = `${path}.queries[${i}]`;
      const queryObject = this.object(item, at);
      const neighbours = this.array(queryObject['neighbours'], `${at}.neighbours`).map((neighbourItem, j) => {
        const neighbourAt = `${at}.neighbours[${j}]`;
        const neighbourObject = this.object(neighbourItem, neighbourAt);
        return {
          ...image(neighbourObject, neighbourAt),
          similarity: this.number(neighbourObject['similarity'], `${neighbourAt}.similarity`),
        };
      });
      const query: NeighbourQuery = { ...image(queryObject, at), neighbours };
      if (queryObject['predicted'] !== undefined) {
        query.predicted = this.label(queryObject['predicted'], `${at}.predicted`, classCount);
      }
      return query;
    });
    return { height, width, channels, queries };
  }

  private pixels(value: unknown, path: string, expectedLength: number): Uint8Array {
    const values = this.array(value, path);
    if (values.length !== expectedLength) this.fail(path, `${expectedLength} values (height x width x channels)`, values);
    const pixels = new Uint8Array(expectedLength);
    values.forEach((pixel, i) => {
      if (!Number.isInteger(pixel) || (pixel as number) < 0 || (pixel as number) > 255) {
        this.fail(`${path}[${i}]`, 'an integer in [0, 255]', pixel);
      }
      pixels[i] = pixel as number;
    });
    return pixels;
  }

  private label(value: unknown, path: string, classCount: number): number {
    const label = this.integer(value, path, 0);
    if (label >= classCount) this.fail(path, `a class index below classNames.length (${classCount})`, label);
    return label;
  }

  private role(value: unknown, path: string): RunRole {
    if (value !== 'teacher' && value !== 'student') this.fail(path, '"teacher" or "student"', value);
    return value;
  }

  private stringArray(value: unknown, path: string): string[] {
    const items = this.array(value, path);
    if (items.length === 0) this.fail(path, 'a non-empty array of names', value);
    return items.map((item, i) => this.text(item, `${path}[${i}]`));
  }

  private text(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.length === 0) this.fail(path, 'a non-empty string', value);
    return value;
  }

  private fraction(value: unknown, path: string): number {
    const fraction = this.number(value, path, 0);
    if (fraction > 1) this.fail(path, 'a fraction in [0, 1]', value);
    return fraction;
  }

  private positive(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) this.fail(path, 'a positive number', value);
    return value;
  }

  private integer(value: unknown, path: string, min = Number.MIN_SAFE_INTEGER): number {
    if (!Number.isSafeInteger(value) || (value as number) < min) {
      this.fail(path, min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer >= ${min}`, value);
    }
    return value as number;
  }

  private number(value: unknown, path: string, min = -Infinity): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      this.fail(path, min === -Infinity ? 'a finite number' : `a finite number >= ${min}`, value);
    }
    return value;
  }

  private array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'an array', value);
    return value;
  }

  private object(value: unknown, path: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'an object', value);
    return value as JsonObject;
  }

  private fail(path: string, expectation: string, value: unknown): never {
    throw new Error(`${this.source}: ${path} must be ${expectation}, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
