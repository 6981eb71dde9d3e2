import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { pipelineJsonSchema } from './pipeline-schema.js';
import { loadPipelineYaml } from './schema.js';

const root = join(import.meta.dirname, '../../..');
const committed = join(root, 'docs/pipeline.schema.json');

function examples(dir = join(root, 'examples')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? examples(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : []);
}

describe('JSON Schema of pipeline files', () => {
  it('is committed as generated (regenerate: npm run distill -- schema > docs/pipeline.schema.json)', () => {
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(pipelineJsonSchema());
  });

  // A file as written (like unresolved, YAML merge keys applied); a file that extends another is
  // checked merged over it, since on its own it may restate only the fields it changes.
  const validate = new Ajv({ strict: false, allErrors: true }).compile(pipelineJsonSchema());

  it.each(examples())('accepts %s as written', (file) => {
    const valid = validate(loadPipelineYaml(file));
    expect(validate.errors ?? [], file).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects the typos the parser rejects', () => {
    const file = parseYaml(readFileSync(join(root, 'examples/fashion-mnist-seed.yaml'), 'utf8'));
    file.students.seed.methodConfig.queueSise = 64;
    expect(validate(file)).toBe(false);
    file.students.seed.methodConfig = {};
    file.students.seed.method = 'seeed';
    expect(validate(file)).toBe(false);
    file.students.seed.method = 'seed';
    expect(validate(file)).toBe(true);
  });
});
