// Renders the two-run sample report and a full-page screenshot of it, to look at the layout:
//   node --conditions=@ssl-distill/source --import tsx libs/report/scripts/render-sample.ts [out.html] [out.png]
import { writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { renderReportHtml } from '@ssl-distill/report';
import { sampleReports, screenshotHtml } from '@ssl-distill/report/testing';

const [htmlPath = '/tmp/report-sample.html', pngPath = '/tmp/report-sample.png'] = process.argv.slice(2);
const html = renderReportHtml(sampleReports(), { title: 'SEED on shapes: teacher vs student', date: '2025-01-15' });
await writeFile(htmlPath, html);
// Tall enough for the whole page: tables, charts, two confusion matrices and two neighbour grids.
const shot = await screenshotHtml(html, { width: 1200, height: 3200 });
await writeFile(pngPath, PNG.sync.write(shot));
console.log(`wrote ${htmlPath} (${html.length} bytes) and ${pngPath} (${shot.width}x${shot.height})`);
