import { describe, expect, it } from 'vitest';
import { closest, ConfigError } from './config-error.js';
import { array, asWritten, boolean, integer, number, object, oneOf, optional, record, string, variants } from './schema.js';

const queue = object({
  queueSize: integer({ min: 1, default: 4096 }),
  temperature: number({ above: 0, default: 0.2 }),
  head: object({ layers: integer({ min: 1, default: 2 }) }, { optional: true }),
  normalize: optional(boolean()),
}, { hints: { seed: 'set by the run' } });

describe('declarative schemas', () => {
  it('fills defaults and keeps what was written', () => {
    expect(queue.parse({ temperature: 0.1 }, 'cfg')).toEqual({ queueSize: 4096, temperature: 0.1, head: { layers: 2 } });
    expect(queue.parse({ normalize: false }, 'cfg').normalize).toBe(false);
  });

  it('names the field path and suggests the key meant', () => {
    expect(() => queue.parse({ queueSise: 8 }, 'students.seed.methodConfig')).toThrow(
      'students.seed.methodConfig.queueSise: unknown field (did you mean queueSize? expected one of: queueSize, temperature, head, normalize)',
    );
    expect(() => queue.parse({ head: { layer: 3 } }, 'm')).toThrow('m.head.layer: unknown field (did you mean layers?');
    expect(() => queue.parse({ seed: 3 }, 'm')).toThrow('m.seed: set by the run');
    expect(() => queue.parse({ queueSize: 0 }, 'm')).toThrow('m.queueSize: must be >= 1, got 0');
    expect(() => queue.parse({ temperature: 0 }, 'm')).toThrow('m.temperature: must be > 0, got 0');
    expect(() => queue.parse({ queueSize: 1.5 }, 'm')).toThrow(ConfigError);
  });

  it('suggests only names close to a typo', () => {
    expect(closest('seeed', ['simclr', 'seed', 'kassl'])).toBe('seed');
    expect(closest('widhts', ['widths', 'stem'])).toBe('widths');
    expect(closest('banana', ['seed', 'kassl'])).toBeUndefined();
  });

  it('picks a variant by its key', () => {
    const source = variants('source', {
      idx: object({ path: string(), limit: optional(integer({ min: 1 })) }),
      synthetic: object({ count: integer({ min: 1 }) }),
    }, { what: 'dataset source' });
    expect(source.parse({ source: 'idx', path: '/d' }, 'd')).toEqual({ source: 'idx', path: '/d' });
    expect(() => source.parse({ source: 'idxx', path: '/d' }, 'datasets.train')).toThrow("datasets.train.source: unknown dataset source 'idxx' (did you mean idx?");
    expect(() => source.parse({ source: 'synthetic', path: '/d' }, 'd')).toThrow('d.path: unknown field');
    expect(() => source.parse({ path: '/d' }, 'd')).toThrow('d.source: required dataset source is missing');
  });

  it('validates a config it returns as written', () => {
    const written = asWritten(queue);
    expect(written.parse({ temperature: 0.1 }, 'm')).toEqual({ temperature: 0.1 });
    expect(() => written.parse({ temperature: -1 }, 'm')).toThrow('m.temperature');
  });

  it('reads lists and named entries', () => {
    const runs = record(object({ widths: array(integer({ min: 1 }), { minItems: 1 }) }), { names: { pattern: /^[a-z]+$/, hint: 'lower-case names' } });
    expect(runs.parse({ a: { widths: [1, 2] } }, 'runs')).toEqual({ a: { widths: [1, 2] } });
    expect(() => runs.parse({ a: { widths: [1, 0] } }, 'runs')).toThrow('runs.a.widths[1]: must be >= 1, got 0');
    expect(() => runs.parse({ B: { widths: [1] } }, 'runs')).toThrow('runs.B: lower-case names');
    expect(() => oneOf(['sgd', 'adam'], { what: 'optimizer' }).parse('adma', 'o')).toThrow("o: unknown optimizer 'adma' (did you mean adam?");
  });

  it('describes the same definitions as JSON Schema', () => {
    expect(queue.jsonSchema()).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        queueSize: { type: 'integer', minimum: 1, default: 4096 },
        temperature: { type: 'number', exclusiveMinimum: 0, default: 0.2 },
        head: { type: 'object', additionalProperties: false, properties: { layers: { type: 'integer', minimum: 1, default: 2 } } },
        normalize: { type: 'boolean' },
      },
    });
    const source = variants('source', {
      idx: object({ path: string(), limit: integer({ min: 1, default: 9 }) }),
      folder: object({ path: string(), limit: integer({ min: 1, default: 5 }) }),
    }, { what: 'source' }).jsonSchema();
    // `path` is the same in both variants: stated once; `limit` differs: stated per variant.
    expect(source).toMatchObject({ required: ['source'], properties: { source: { enum: ['idx', 'folder'] }, path: { type: 'string', minLength: 1 } } });
    expect((source.allOf as unknown[])[1]).toEqual({
      if: { properties: { source: { const: 'folder' } }, required: ['source'] },
      then: {
        type: 'object', additionalProperties: false, required: ['path'],
        properties: { source: { const: 'folder' }, path: true, limit: { type: 'integer', minimum: 1, default: 5 } },
      },
    });
  });
});
