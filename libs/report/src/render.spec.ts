// A real render: headless chromium draws the page and the screenshot must show tables, charts and
// images. Needs Debian's chromium (`apt-get install -y chromium`); without it these tests fail.
import type { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './html-report.js';
import { sampleReports, screenshotHtml } from './testing.js';

// With a 1200 px wide window the two training charts sit side by side in this band of rows.
const CHART_BAND = { top: 320, bottom: 700 };
// The first two run colours (#4e79a7, #f28e2b): the chart lines and markers of the two sample runs.
const SERIES_RGB: [number, number, number][] = [
  [0x4e, 0x79, 0xa7],
  [0xf2, 0x8e, 0x2b],
];

interface PageStats {
  distinctColours: number;
  /** Share of non-white pixels in the chart band. */
  chartBandInk: number;
  /** Pixels within a small distance of each series colour, in the chart band. */
  seriesPixels: number[];
}

function pageStats(png: PNG): PageStats {
  const colours = new Set<number>();
  let ink = 0;
  const seriesPixels = SERIES_RGB.map(() => 0);
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      colours.add((r << 16) | (g << 8) | b);
      if (y < CHART_BAND.top || y >= CHART_BAND.bottom) continue;
      if (r < 245 || g < 245 || b < 245) ink++;
      SERIES_RGB.forEach(([sr, sg, sb], s) => {
        if (Math.abs(r - sr) <= 24 && Math.abs(g - sg) <= 24 && Math.abs(b - sb) <= 24) seriesPixels[s]!++;
      });
    }
  }
  return { distinctColours: colours.size, chartBandInk: ink / ((CHART_BAND.bottom - CHART_BAND.top) * png.width), seriesPixels };
}

function looksRendered(stats: PageStats): boolean {
  return stats.distinctColours > 500 && stats.chartBandInk > 0.02 && stats.seriesPixels.every((count) => count > 300);
}

describe('report page in headless chromium', () => {
  it('renders tables, both charts with both runs, and images; an empty page does not pass the same check', async () => {
    const [report, empty] = await Promise.all([
      screenshotHtml(renderReportHtml(sampleReports(), { title: 'Render check' })),
      screenshotHtml('<!DOCTYPE html><html><body></body></html>'),
    ]);
    expect([report.width, report.height]).toEqual([1200, 1600]);

    const reportStats = pageStats(report);
    const emptyStats = pageStats(empty);
    // Thresholds sit well below a good render (about 2000 colours, 5% ink, 1600 pixels per series).
    expect(reportStats.distinctColours).toBeGreaterThan(500);
    expect(reportStats.chartBandInk).toBeGreaterThan(0.02);
    expect(reportStats.seriesPixels[0]).toBeGreaterThan(300);
    expect(reportStats.seriesPixels[1]).toBeGreaterThan(300);
    expect(looksRendered(reportStats)).toBe(true);
    expect(emptyStats).toEqual({ distinctColours: 1, chartBandInk: 0, seriesPixels: [0, 0] });
    expect(looksRendered(emptyStats)).toBe(false);
  }, 30_000);

  it('fails with the install command when chromium is missing', async () => {
    await expect(screenshotHtml('<p>x</p>', { chromium: '/nonexistent/chromium' })).rejects.toThrow(
      '/nonexistent/chromium not found: install it with `apt-get install -y chromium`',
    );
  });
});
