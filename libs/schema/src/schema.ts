// Declarative config schemas: one definition both validates what a user wrote (errors name the field
// path, unknown keys get "did you mean") and describes it as JSON Schema (draft-07, for editors).
import { ConfigError, unknownName } from './config-error.js';

export type JsonSchema = { [key: string]: unknown };

/** Values a default may depend on (e.g. a pipeline's top-level seed). */
export type ParseContext = Readonly<Record<string, unknown>>;

export interface Schema<T> {
  /** Reads `value` (undefined when the field is absent) found at `path`; throws a ConfigError naming it. */
  parse(value: unknown, path?: string, context?: ParseContext): T;
  jsonSchema(): JsonSchema;
  /** An absent value is fine (the schema has a default, or is optional). */
  readonly optional: boolean;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

type Default<T> = T | ((context: ParseContext) => T);

interface Common<T> {
  description?: string;
  default?: Default<T>;
}

const fieldName = (path: string) => path || '(root)';
const fail = (path: string, reason: string): never => {
  throw new ConfigError(fieldName(path), reason);
};
const child = (path: string, key: string) => (path ? `${path}.${key}` : key);
const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
export const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function described(json: JsonSchema, options: Common<unknown>): JsonSchema {
  return {
    ...(options.description && { description: options.description }),
    ...json,
    ...(options.default !== undefined && typeof options.default !== 'function' && { default: options.default }),
  };
}

/** A leaf: `check` reads a present value; absent ones take the default or are an error. */
function leaf<T>(options: Common<T>, json: JsonSchema, what: string, check: (value: unknown, path: string, context: ParseContext) => T): Schema<T> {
  return {
    optional: options.default !== undefined,
    parse(value, path = '', context = {}) {
      if (value === undefined || value === null) {
        if (options.default === undefined) return fail(path, `required ${what} is missing`);
        return typeof options.default === 'function' ? (options.default as (context: ParseContext) => T)(context) : options.default;
      }
      return check(value, path, context);
    },
    jsonSchema: () => described(json, options),
  };
}

export interface NumberOptions extends Common<number> {
  min?: number;
  max?: number;
  /** Strict bounds: value > above, value < below. */
  above?: number;
  below?: number;
  integer?: boolean;
}

export function number(options: NumberOptions = {}): Schema<number> {
  const json: JsonSchema = {
    type: options.integer ? 'integer' : 'number',
    ...(options.min !== undefined && { minimum: options.min }),
    ...(options.max !== undefined && { maximum: options.max }),
    ...(options.above !== undefined && { exclusiveMinimum: options.above }),
    ...(options.below !== undefined && { exclusiveMaximum: options.below }),
  };
  return leaf(options, json, 'number', (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, `expected a number, got ${show(value)}`);
    if (options.integer && !Number.isInteger(value)) fail(path, `expected an integer, got ${value}`);
    if (options.min !== undefined && value < options.min) fail(path, `must be >= ${options.min}, got ${value}`);
    if (options.max !== undefined && value > options.max) fail(path, `must be <= ${options.max}, got ${value}`);
    if (options.above !== undefined && value <= options.above) fail(path, `must be > ${options.above}, got ${value}`);
    if (options.below !== undefined && value >= options.below) fail(path, `must be < ${options.below}, got ${value}`);
    return value;
  });
}

export const integer = (options: Omit<NumberOptions, 'integer'> = {}) => number({ ...options, integer: true });

export function string(options: Common<string> & { pattern?: RegExp; patternHint?: string } = {}): Schema<string> {
  const json = { type: 'string', minLength: 1, ...(options.pattern && { pattern: options.pattern.source }) };
  return leaf(options, json, 'string', (value, path) => {
    if (typeof value !== 'string' || value === '') return fail(path, `expected a non-empty string, got ${show(value)}`);
    if (options.pattern && !options.pattern.test(value)) fail(path, options.patternHint ?? `must match ${options.pattern.source}`);
    return value;
  });
}

export function boolean(options: Common<boolean> = {}): Schema<boolean> {
  return leaf(options, { type: 'boolean' }, 'true or false', (value, path) => (typeof value === 'boolean' ? value : fail(path, `expected true or false, got ${show(value)}`)));
}

export function oneOf<const T extends string | number>(values: readonly T[], options: Common<T> & { what?: string } = {}): Schema<T> {
  const names = values.map(String);
  return leaf(options, { enum: [...values] }, options.what ?? 'value', (value, path) =>
    (values as readonly unknown[]).includes(value) ? (value as T) : fail(path, typeof value === 'string' && typeof values[0] === 'string' ? unknownName(options.what ?? 'value', value, names) : `expected one of ${names.join(', ')}, got ${show(value)}`),
  );
}

/** Whether a value is of a JSON Schema `type`. */
const IS_OF_TYPE: Record<string, (value: unknown) => boolean> = {
  number: (value) => typeof value === 'number',
  integer: (value) => typeof value === 'number',
  string: (value) => typeof value === 'string',
  boolean: (value) => typeof value === 'boolean',
  array: Array.isArray,
  object: isMapping,
};

/**
 * The first of `schemas` that reads the value (e.g. a number or a list of numbers). When none
 * does, the error is that of the schema whose JSON type the value has (its own check failed),
 * else the first schema's.
 */
export function union<const S extends readonly Schema<unknown>[]>(schemas: S, options: { description?: string } = {}): Schema<Infer<S[number]>> {
  return {
    optional: schemas.some((schema) => schema.optional),
    parse(value, path = '', context = {}) {
      const errors: ConfigError[] = [];
      for (const schema of schemas) {
        try {
          return schema.parse(value, path, context) as Infer<S[number]>;
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          errors.push(error);
        }
      }
      const ofValueType = schemas.findIndex((schema) => IS_OF_TYPE[schema.jsonSchema()['type'] as string]?.(value));
      throw errors[ofValueType] ?? errors[0]!;
    },
    jsonSchema: () => ({ ...(options.description && { description: options.description }), anyOf: schemas.map((schema) => schema.jsonSchema()) }),
  };
}

export function array<T>(item: Schema<T>, options: Common<T[]> & { minItems?: number; maxItems?: number } = {}): Schema<T[]> {
  const json = { type: 'array', items: item.jsonSchema(), ...(options.minItems !== undefined && { minItems: options.minItems }), ...(options.maxItems !== undefined && { maxItems: options.maxItems }) };
  return leaf(options, json, 'list', (value, path, context) => {
    if (!Array.isArray(value)) return fail(path, `expected a list, got ${show(value)}`);
    if (options.minItems !== undefined && options.minItems === options.maxItems && value.length !== options.minItems) fail(path, `needs exactly ${options.minItems} item(s), got ${value.length}`);
    if (options.minItems !== undefined && value.length < options.minItems) fail(path, `needs at least ${options.minItems} item(s), got ${value.length}`);
    if (options.maxItems !== undefined && value.length > options.maxItems) fail(path, `takes at most ${options.maxItems} item(s), got ${value.length}`);
    return value.map((entry, i) => item.parse(entry, `${path}[${i}]`, context));
  });
}

/** `schema`, or nothing when the field is absent. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return {
    optional: true,
    parse: (value, path = '', context = {}) => (value === undefined || value === null ? undefined : schema.parse(value, path, context)),
    jsonSchema: () => schema.jsonSchema(),
  };
}

export type Shape = Record<string, Schema<unknown>>;
export type ObjectOf<S extends Shape> = { [K in keyof S]: Infer<S[K]> };

export interface ObjectOptions<T> {
  description?: string;
  /** Absent reads as `{}` (every field then takes its default). */
  optional?: boolean;
  /** Why a key the schema lacks is not there, and what to write instead (shown for that key). */
  hints?: Record<string, string>;
  /** Keys the JSON Schema allows (for editors) that `parse` never sees, e.g. ones resolved before it. */
  preprocessed?: Record<string, JsonSchema>;
  /** When this key is present, the JSON Schema requires nothing (the entry inherits its fields). */
  inheritsWith?: string;
  /** A check across fields, after each field is read. */
  check?: (value: T, fail: (key: string, reason: string) => never, context: ParseContext) => void;
}

export interface ObjectSchema<T, S extends Shape = Shape> extends Schema<T> {
  readonly shape: S;
  readonly options: ObjectOptions<T>;
}

/** The mapping at `path`: absent reads as `{}` when optional; anything else is an error. */
function mappingAt(value: unknown, path: string, optional = false): Record<string, unknown> {
  if (value === undefined || value === null) return optional ? {} : fail(path, 'required mapping is missing');
  return isMapping(value) ? value : fail(path, `expected a mapping, got ${show(value)}`);
}

/** A mapping with exactly these keys: an unknown key is an error ("did you mean ...?"). */
export function object<S extends Shape>(shape: S, options: ObjectOptions<ObjectOf<S>> = {}): ObjectSchema<ObjectOf<S>, S> {
  const keys = Object.keys(shape);
  return {
    shape,
    options,
    optional: options.optional ?? false,
    parse(value, path = '', context = {}) {
      const mapping = mappingAt(value, path, options.optional);
      for (const key of Object.keys(mapping)) {
        if (!keys.includes(key)) fail(child(path, key), options.hints?.[key] ?? unknownName('field', key, keys).replace(`unknown field '${key}' `, 'unknown field '));
      }
      const parsed: Record<string, unknown> = {};
      for (const key of keys) {
        const field = shape[key]!.parse(mapping[key], child(path, key), context);
        if (field !== undefined) parsed[key] = field;
      }
      const result = parsed as ObjectOf<S>;
      options.check?.(result, (key, reason) => fail(child(path, key), reason), context);
      return result;
    },
    jsonSchema() {
      const required = keys.filter((key) => !shape[key]!.optional);
      const properties = { ...Object.fromEntries(keys.map((key) => [key, shape[key]!.jsonSchema()])), ...options.preprocessed };
      const requirement = required.length === 0 ? {} : options.inheritsWith ? { if: { not: { required: [options.inheritsWith] } }, then: { required } } : { required };
      return { ...(options.description && { description: options.description }), type: 'object', properties, additionalProperties: false, ...requirement };
    },
  };
}

/** Named entries (`datasets`, `students`): a mapping from names to `entry`. */
export function record<T>(entry: Schema<T>, options: { description?: string; optional?: boolean; names?: { pattern: RegExp; hint: string } } = {}): Schema<Record<string, T>> {
  return {
    optional: options.optional ?? false,
    parse(value, path = '', context = {}) {
      if (value === undefined || value === null) return options.optional ? {} : fail(path, 'required mapping is missing');
      if (!isMapping(value)) return fail(path, `expected a mapping, got ${show(value)}`);
      return Object.fromEntries(Object.entries(value).map(([name, item]) => {
        if (options.names && !options.names.pattern.test(name)) fail(child(path, name), options.names.hint);
        return [name, entry.parse(item, child(path, name), context)];
      }));
    },
    jsonSchema: () => ({
      ...(options.description && { description: options.description }),
      type: 'object',
      ...(options.names ? { propertyNames: { pattern: options.names.pattern.source } } : {}),
      additionalProperties: entry.jsonSchema(),
    }),
  };
}

/**
 * A mapping whose `key` picks its shape, e.g. a dataset's `source` or a run's `method`: the key is
 * checked ("did you mean seed?") before the variant's own fields. JSON Schema: if/then per value.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any variant; check() makes ObjectSchema invariant
export function variants<K extends string, V extends Record<string, ObjectSchema<any>>>(
  key: K,
  shapes: V,
  options: { what: string; description?: string; default?: keyof V & string; optional?: boolean; inheritsWith?: string },
): Schema<{ [N in keyof V]: Infer<V[N]> & Record<K, N> }[keyof V]> {
  const names = Object.keys(shapes);
  return {
    optional: options.optional ?? false,
    parse(value, path = '', context = {}) {
      const mapping = mappingAt(value, path, options.optional);
      const chosen = mapping[key] ?? options.default;
      if (chosen === undefined) fail(child(path, key), `required ${options.what} is missing (expected one of: ${names.join(', ')})`);
      if (typeof chosen !== 'string' || !Object.hasOwn(shapes, chosen)) {
        return fail(child(path, key), typeof chosen === 'string' ? unknownName(options.what, chosen, names) : `expected one of ${names.join(', ')}, got ${show(chosen)}`);
      }
      const { [key]: _chosen, ...rest } = mapping;
      const shape = shapes[chosen]!;
      const hints = { [key]: `chosen by ${key}`, ...shape.options.hints };
      return { [key]: chosen, ...(object(shape.shape, { ...shape.options, hints } as ObjectOptions<ObjectOf<Shape>>).parse(rest, path, context) as object) } as never;
    },
    jsonSchema() {
      const keySchema = { enum: names, ...(options.default && { default: options.default }) };
      const described = names.map((name) => shapes[name]!.jsonSchema() as { properties: JsonSchema });
      // Fields every variant describes the same way are stated once (a run's fields but methodConfig).
      const shared = Object.keys(described[0]!.properties).filter((field) =>
        described.every((variant) => JSON.stringify(variant.properties[field]) === JSON.stringify(described[0]!.properties[field])));
      return {
        ...(options.description && { description: options.description }),
        type: 'object',
        properties: { [key]: keySchema, ...Object.fromEntries(shared.map((field) => [field, described[0]!.properties[field]])) },
        ...(options.default ? {} : options.inheritsWith ? { if: { not: { required: [options.inheritsWith] } }, then: { required: [key] } } : { required: [key] }),
        allOf: names.map((name, i) => {
          const variant = described[i]!;
          const own = Object.fromEntries(Object.entries(variant.properties).map(([field, schema]) => [field, shared.includes(field) ? true : schema]));
          const matches = { properties: { [key]: { const: name } }, ...(name === options.default ? {} : { required: [key] }) };
          return { if: matches, then: { ...variant, properties: { [key]: { const: name }, ...own } } };
        }),
      };
    },
  };
}

/**
 * Validates with `schema` but returns the value as written (defaults not filled in): for configs
 * whose written form is hashed into content ids, so filling in a default never changes an id.
 */
export function asWritten(schema: Schema<unknown>, options: { optional?: boolean } = {}): Schema<Record<string, unknown>> {
  return {
    optional: options.optional ?? schema.optional,
    parse(value, path = '', context = {}) {
      schema.parse(value, path, context);
      return (value ?? {}) as Record<string, unknown>;
    },
    jsonSchema: () => schema.jsonSchema(),
  };
}

/** A schema whose parsed value goes through `map` (e.g. fields fixed by another field). */
export function mapped<T, U>(schema: Schema<T>, map: (value: T, path: string, context: ParseContext) => U): Schema<U> {
  return {
    optional: schema.optional,
    parse: (value, path = '', context = {}) => map(schema.parse(value, path, context), path, context),
    jsonSchema: () => schema.jsonSchema(),
  };
}

/** A value another validator owns (e.g. a model spec): `read` validates it; `json` describes it. */
export function custom<T>(read: (value: unknown, path: string) => T, json: JsonSchema, options: { optional?: boolean } = {}): Schema<T> {
  return {
    optional: options.optional ?? false,
    parse: (value, path = '') => read(value, path),
    jsonSchema: () => json,
  };
}
