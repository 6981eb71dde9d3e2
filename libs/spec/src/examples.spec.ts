// Every example pipeline still parses to the same runs: the pins below were taken before the schema
// moved to declarative definitions, so a refactor that changes what a job hashes (and with it every
// job id, i.e. every cached result) fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentId } from './ids.js';
import { readPipelineFile, type PipelineSpec } from './schema.js';

const root = join(import.meta.dirname, '../../..');
const pinsFile = join(import.meta.dirname, 'examples.pinned.json');

function examples(dir = join(root, 'examples')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? examples(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : [],
  ).sort();
}

/** What job ids are hashes of: each import's source, each run's spec with its plan, the evaluation. */
function jobInputs(spec: PipelineSpec): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(spec.datasets).map(([name, source]) => [`import ${name}`, contentId('import', source)])),
    ...Object.fromEntries(Object.entries(spec.teachers).map(([name, run]) => [`teacher ${name}`, contentId(name, run, spec.plans[run.plan])])),
    // An imported teacher's id also hashes its model file's bytes; its fields are pinned here (not the
    // path of the file it was read from, which differs by checkout).
    ...Object.fromEntries(Object.entries(spec.importedTeachers).map(([name, { source: _from, ...fields }]) => [`imported teacher ${name}`, contentId(name, fields)])),
    ...Object.fromEntries(Object.entries(spec.students).map(([name, run]) => [`student ${name}`, contentId(name, run, spec.plans[run.plan])])),
    evaluate: contentId(spec.evaluate),
  };
}

describe('example pipelines', () => {
  const pins = JSON.parse(readFileSync(pinsFile, 'utf8')) as Record<string, Record<string, string>>;

  it('pins every example', () => {
    expect(Object.keys(pins).sort()).toEqual(examples().map((file) => relative(root, file)));
  });

  for (const file of examples()) {
    it(`${relative(root, file)} parses to the pinned job inputs`, () => {
      expect(jobInputs(readPipelineFile(file))).toEqual(pins[relative(root, file)]);
    });
  }
});
