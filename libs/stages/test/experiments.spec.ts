// Every pipeline file shipped under examples/ must parse, and every teacher and student in it must
// build its method from the config the pipeline would give it (methodConfigOf + createMethod),
// with the view plan and teacher outputs it needs: a typo in an experiment fails here in seconds,
// not hours into a run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createMethod, type TrainableMethod } from '@ssl-distill/methods';
import { describe, expect, it } from 'vitest';
import { loadImportedTeacher } from '@ssl-distill/models';
import { networkOf } from '@ssl-distill/data-access';
import { type ImportedTeacherSpec, readPipelineFile, type DatasetSource, type PipelineSpec, type TeacherSpec, type TrainSpec } from '@ssl-distill/spec';
import { methodConfigOf } from '../src/stages.js';

const ROOT = join(import.meta.dirname, '../../..');

function yamlFiles(dir: string, recursive: boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return recursive ? yamlFiles(path, true) : [];
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const EXAMPLES = join(ROOT, 'examples');
const FILES = [...yamlFiles(EXAMPLES, false), ...yamlFiles(join(EXAMPLES, 'experiments'), true)].sort();

/** Class count of a dataset source without reading it (the idx and cifar-10 sets have 10). */
function classesOf(source: DatasetSource): number {
  return source.source === 'synthetic' ? source.classes : 10;
}

/** Any positive step count will do for the schedule. */
const TOTAL_STEPS = 100;

function build(spec: TrainSpec, pipeline: PipelineSpec, teacherDim?: number): TrainableMethod {
  const numClasses = classesOf(pipeline.datasets[spec.dataset]!);
  return createMethod(spec.method, methodConfigOf(spec, { numClasses, totalSteps: TOTAL_STEPS, teacherDim }));
}

/** What a teacher's feature cache will hold: its embedding width (projector output or pooled backbone) and whether it has logits. */
function teacherOutputs(spec: TeacherSpec, pipeline: PipelineSpec): { embeddingDim: number; logits: boolean } {
  const method = build(spec, pipeline);
  try {
    const network = networkOf(method);
    const embedder = spec.output === 'projection' && network.projector ? network.projector : network.backbone;
    return { embeddingDim: embedder.outputs[0]!.shape.at(-1)!, logits: network.classifier !== undefined };
  } finally {
    method.dispose();
  }
}

/** What an imported teacher's cache will hold, from its model file (local ONNX files only: examples ship no S3 keys). */
async function importedOutputs(spec: ImportedTeacherSpec): Promise<{ embeddingDim: number; logits: boolean }> {
  const teacher = await loadImportedTeacher({ kind: 'onnx', bytes: new Uint8Array(readFileSync(join(ROOT, spec.import.path))) }, spec);
  try {
    return { embeddingDim: teacher.outputShape!.at(teacher.outputShape!.length === 4 && spec.input.layout === 'nchw' ? 1 : -1)!, logits: teacher.logits !== undefined };
  } finally {
    teacher.dispose();
  }
}

describe('example pipelines', () => {
  it('finds the experiments', () => {
    const names = FILES.map((file) => relative(EXAMPLES, file));
    expect(names).toEqual(expect.arrayContaining([
      'fashion-mnist-seed.yaml',
      'experiments/seed-fashion-mnist.yaml',
      'experiments/seed-fashion-mnist-supervised-teacher.yaml',
      'experiments/triplet-deck.yaml',
      'experiments/triplet-deck-mnist.yaml',
      'experiments/self-distillation.yaml',
      'imported-teacher.yaml',
    ]));
  });

  describe.each(FILES.map((file) => [relative(EXAMPLES, file), file]))('%s', (_name, file) => {
    let parsed: PipelineSpec | Error;
    try {
      parsed = readPipelineFile(file);
    } catch (error) {
      parsed = error as Error;
    }
    it('parses', () => {
      if (parsed instanceof Error) throw parsed;
    });
    if (parsed instanceof Error) return;
    const pipeline = parsed;

    it('has something to run and evaluates it', () => {
      expect(Object.keys(pipeline.teachers).length + Object.keys(pipeline.importedTeachers).length + Object.keys(pipeline.students).length).toBeGreaterThan(0);
      expect(pipeline.evaluate).not.toBeNull();
    });

    const teachers = new Map<string, { embeddingDim: number; logits: boolean }>();
    const outputsOf = async (name: string) => {
      const imported = pipeline.importedTeachers[name];
      if (!teachers.has(name)) teachers.set(name, imported ? await importedOutputs(imported) : teacherOutputs(pipeline.teachers[name]!, pipeline));
      return teachers.get(name)!;
    };
    const runs = [
      ...Object.entries(pipeline.teachers).map(([name, spec]) => ({ role: 'teacher', name, spec, teacher: undefined as string | undefined })),
      ...Object.entries(pipeline.students).map(([name, spec]) => ({ role: 'student', name, spec: spec as TrainSpec, teacher: spec.teacher || undefined })),
    ];

    it.each(runs.map((run) => [`${run.role} ${run.name} (${run.spec.method})`, run]))('%s builds', async (_label, run) => {
      const before = tf.memory().numTensors;
      const outputs = run.teacher ? await outputsOf(run.teacher) : undefined;
      const method = build(run.spec, pipeline, outputs?.embeddingDim);
      try {
        const plan = pipeline.plans[run.spec.plan]!;
        const { needs } = method;
        // The checks training.ts makes at the first step, made here before any training.
        expect(needs.views, `views needed by ${run.spec.method} vs plan '${run.spec.plan}'`).toBeLessThanOrEqual(plan.views);
        if (needs.teacherDim || needs.teacherClasses) expect(run.teacher, `${run.spec.method} needs a teacher`).toBeDefined();
        if (needs.teacherDim) expect(needs.teacherDim).toBe(outputs!.embeddingDim);
        if (needs.teacherClasses) expect(outputs!.logits, `${run.spec.method} needs teacher logits: the teacher has no classifier`).toBe(true);
        if (needs.teacherClasses) expect(needs.teacherClasses).toBe(classesOf(pipeline.datasets[run.spec.dataset]!));
        if (run.teacher && pipeline.teachers[run.teacher]) expect(pipeline.teachers[run.teacher]!.dataset, 'student and teacher train on the same dataset').toBe(run.spec.dataset);
      } finally {
        method.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
