import { createHash } from 'node:crypto';
import type { HwcImage } from './image.js';
import type { ViewPlan } from './plan.js';
import { augmentView, renderBatch, type ViewCoordinate } from './render.js';

export interface ViewDigestRequest {
  images: HwcImage[];
  plan: ViewPlan;
  coordinates: ViewCoordinate[];
}

/** sha256 of the uint8 views followed by the normalised float batch: one fingerprint of a render. */
export function viewDigest({ images, plan, coordinates }: ViewDigestRequest): string {
  const hash = createHash('sha256');
  for (const coordinate of coordinates) hash.update(augmentView(images[coordinate.sample], plan, coordinate).data);
  const batch = renderBatch((sample) => images[sample], plan, coordinates);
  hash.update(new Uint8Array(batch.data.buffer, batch.data.byteOffset, batch.data.byteLength));
  return hash.digest('hex');
}
