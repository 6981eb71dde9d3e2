import { escapeHtml } from './format.js';
import type { ConfusionSummary } from './run-report.js';

// Cells shade from white to this colour by their share of the row (the true class), i.e. by recall.
const HEAT_RGB = [31, 78, 140] as const;

/** A confusion matrix as an HTML heat-map table: true classes down, predicted classes across. */
export function confusionTable(confusion: ConfusionSummary): string {
  const names = confusion.classNames.map(escapeHtml);
  const header = names.map((name) => `<th scope="col"><span class="vertical">${name}</span></th>`).join('');
  const rows = confusion.matrix.map((row, truth) => {
    const rowTotal = row.reduce((sum, count) => sum + count, 0);
    const cells = row.map((count, predicted) => {
      const share = rowTotal === 0 ? 0 : count / rowTotal;
      const background = HEAT_RGB.map((channel) => Math.round(255 + (channel - 255) * share)).join(',');
      const textClass = share > 0.5 ? ' class="dark"' : '';
      const tooltip = `true ${names[truth]}, predicted ${names[predicted]}: ${count}`;
      return `<td${textClass} style="background:rgb(${background})" title="${tooltip}">${count}</td>`;
    });
    return `<tr><th scope="row">${names[truth]}</th>${cells.join('')}</tr>`;
  });
  return (
    `<table class="confusion"><thead><tr><th class="corner">true ↓ predicted →</th>${header}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}
