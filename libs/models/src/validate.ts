/**
 * Field schemas of model specs (models are named in pipeline YAML). Declared with the schema lib,
 * so one definition checks what a user wrote (errors name the full field path, e.g.
 * `backbone.stages[1].stride`, and unknown keys get "did you mean") and describes it in the
 * pipeline's JSON Schema.
 */
import { array, integer, mapped, number, string } from '@ssl-distill/schema';

export const positiveInt = (description?: string) => integer({ min: 1, ...(description && { description }) });

export const positiveNumber = (description?: string) => number({ above: 0, ...(description && { description }) });

/** A seed is fed to 32-bit mixing, so it must fit in an unsigned 32-bit integer. */
export const seed = integer({ min: 0, max: 0xffffffff, description: 'initializer seed: equal seeds build equal weights (default 0)' });

/** tfjs requires weight names to match /^[A-Za-z0-9][-A-Za-z0-9._/]*$/; layer names prefix them. */
export const layerName = string({
  pattern: /^[A-Za-z0-9][-A-Za-z0-9._]*$/,
  patternHint: 'must start with a letter or digit and contain only letters, digits, -, . and _',
  description: 'model name and layer-name prefix',
});

/** An image shape [height, width, channels]. */
export const imageShape = mapped(
  array(integer({ min: 1 }), { minItems: 3, maxItems: 3, description: '[height, width, channels]' }),
  (shape) => shape as [number, number, number],
);
