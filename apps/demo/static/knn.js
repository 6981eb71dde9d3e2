// Weighted k-NN vote over a unit-length embedding index (the k-NN probe's rule): the k most similar
// training rows vote for their label with weight exp(cosine / temperature).

/** Scales a vector to unit length (a zero vector stays zero). */
export function normalize(vector) {
  let squares = 0;
  for (const v of vector) squares += v * v;
  const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  return Float32Array.from(vector, (v) => v * scale);
}

/**
 * @param {{ dim: number, k: number, temperature: number, labels: number[], classNames: string[] }} header
 * @param {Float32Array} embeddings count * dim, rows of unit length
 * @param {Float32Array} query dim values (any length)
 * @returns {{ label: number, className: string, scores: number[], neighbours: Array<{ index: number, similarity: number }> }}
 */
export function classify(header, embeddings, query) {
  const q = normalize(query);
  const count = header.labels.length;
  const similarities = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    let dot = 0;
    for (let j = 0; j < header.dim; j++) dot += embeddings[row * header.dim + j] * q[j];
    similarities[row] = dot;
  }
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => similarities[b] - similarities[a] || a - b);
  const neighbours = order.slice(0, header.k).map((index) => ({ index, similarity: similarities[index] }));
  const scores = header.classNames.map(() => 0);
  for (const { index, similarity } of neighbours) scores[header.labels[index]] += Math.exp(similarity / header.temperature);
  let label = 0;
  scores.forEach((score, c) => { if (score > scores[label]) label = c; });
  return { label, className: header.classNames[label], scores, neighbours };
}
