// nsfwjs's MobileNetV2 (ImageNet-initialised, fine-tuned by nsfwjs) as plain tfjs model files,
// read offline from the npm package: it ships model.json and its weight shard as UMD modules (the
// JSON object, and the shard's bytes as base64).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TfjsModelFiles } from '../src/index.js';

const require = createRequire(import.meta.url);
// The package's exports map hides its model files; they sit beside its entry point.
const MODEL_DIR = join(dirname(require.resolve('nsfwjs')), '..', 'models', 'mobilenet_v2');

export function nsfwjsMobileNetFiles(): TfjsModelFiles {
  const modelJson = require(join(MODEL_DIR, 'model.min.js')) as { weightsManifest: { paths: string[] }[] };
  const weights = new Map(modelJson.weightsManifest.flatMap((group) => group.paths).map((path) => {
    const base64 = require(join(MODEL_DIR, `${path}.min.js`)) as string;
    return [path, new Uint8Array(Buffer.from(base64, 'base64'))] as const;
  }));
  return { modelJson: new TextEncoder().encode(JSON.stringify(modelJson)), weights };
}
