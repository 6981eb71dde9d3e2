// A small k-NN index for the demo page: L2-normalised embeddings, labels and the images themselves
// (to show the nearest ones). knn-index.json holds the header; the arrays are raw little-endian files.

export const KNN_INDEX_FILE = 'knn-index.json';
export const KNN_EMBEDDINGS_FILE = 'knn-embeddings.bin';
export const KNN_IMAGES_FILE = 'knn-images.bin';

export interface KnnIndexHeader {
  version: 1;
  count: number;
  dim: number;
  /** Neighbours that vote, each with weight exp(similarity / temperature) (the k-NN probe's rule). */
  k: number;
  temperature: number;
  classNames: string[];
  labels: number[];
  image: { height: number; width: number; channels: number };
  embeddingsFile: string;
  imagesFile: string;
}

export interface KnnIndexFiles {
  header: KnnIndexHeader;
  /** count * dim float32, each row of unit length. */
  embeddings: Float32Array;
  /** count * height * width * channels uint8, NHWC. */
  images: Uint8Array;
}

/** Rows scaled to unit L2 norm (zero rows stay zero), so cosine similarity is a dot product. */
export function l2NormalizeRows(values: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let row = 0; row < values.length / dim; row++) {
    let squares = 0;
    for (let j = 0; j < dim; j++) squares += values[row * dim + j]! ** 2;
    const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    for (let j = 0; j < dim; j++) out[row * dim + j] = values[row * dim + j]! * scale;
  }
  return out;
}

export function buildKnnIndex(options: {
  embeddings: Float32Array;
  dim: number;
  labels: ArrayLike<number>;
  classNames: string[];
  images: Uint8Array;
  image: KnnIndexHeader['image'];
  k: number;
  temperature: number;
}): KnnIndexFiles {
  const count = options.labels.length;
  if (options.embeddings.length !== count * options.dim) throw new Error(`k-NN index: ${options.embeddings.length} embedding values for ${count} x ${options.dim}`);
  const { height, width, channels } = options.image;
  if (options.images.length !== count * height * width * channels) throw new Error(`k-NN index: ${options.images.length} image bytes for ${count} images of ${height}x${width}x${channels}`);
  return {
    header: {
      version: 1, count, dim: options.dim, k: Math.min(options.k, count), temperature: options.temperature,
      classNames: options.classNames, labels: Array.from(options.labels), image: options.image,
      embeddingsFile: KNN_EMBEDDINGS_FILE, imagesFile: KNN_IMAGES_FILE,
    },
    embeddings: l2NormalizeRows(options.embeddings, options.dim),
    images: options.images,
  };
}
