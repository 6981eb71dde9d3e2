import { escapeHtml } from './format.js';
import { pngDataUri } from './png.js';
import type { NeighbourGrid, Pixels } from './run-report.js';

// Small images are upscaled (pixelated) to at least this many CSS pixels on their longer side.
const MIN_DISPLAY_SIZE = 56;

/**
 * One row per query: the test image, then its nearest training images, framed green where the
 * neighbour's label matches the query's and red where it does not.
 */
export function neighbourGrid(grid: NeighbourGrid, classNames: string[]): string {
  const scale = Math.max(1, Math.ceil(MIN_DISPLAY_SIZE / Math.max(grid.width, grid.height)));
  const className = (label: number) => escapeHtml(classNames[label] ?? `class ${label}`);
  const image = (pixels: Pixels, alt: string) =>
    `<img src="${pngDataUri(pixels, grid.width, grid.height, grid.channels)}" alt="${alt}" ` +
    `width="${grid.width * scale}" height="${grid.height * scale}">`;

  const rows = grid.queries.map((query) => {
    const predicted =
      query.predicted === undefined
        ? ''
        : `<br><span class="${query.predicted === query.label ? 'right' : 'wrong'}">→ ${className(query.predicted)}</span>`;
    const neighbours = query.neighbours.map((neighbour) => {
      const verdict = neighbour.label === query.label ? 'match' : 'mismatch';
      return (
        `<figure class="neighbour ${verdict}">${image(neighbour.pixels, `neighbour: ${className(neighbour.label)}`)}` +
        `<figcaption>${className(neighbour.label)}<br>${neighbour.similarity.toFixed(3)}</figcaption></figure>`
      );
    });
    return (
      `<div class="neighbour-row"><figure class="query">${image(query.pixels, `query: ${className(query.label)}`)}` +
      `<figcaption>${className(query.label)}${predicted}</figcaption></figure>${neighbours.join('')}</div>`
    );
  });
  return `<div class="neighbour-grid">${rows.join('')}</div>`;
}
