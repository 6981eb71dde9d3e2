import { describe, expect, it } from 'vitest';
import { lineChart, niceTicks } from './line-chart.js';

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten and covers the data', () => {
    expect(niceTicks(0, 10)).toEqual({ values: [0, 2, 4, 6, 8, 10], step: 2 });
    expect(niceTicks(0.706, 0.905)).toEqual({ values: [0.7, 0.75, 0.8, 0.85, 0.9, 0.95], step: 0.05 });
    expect(niceTicks(2.2, 5.2)).toEqual({ values: [2, 3, 4, 5, 6], step: 1 });
  });

  it('keeps integer ticks whole and widens a single value into a range', () => {
    expect(niceTicks(1, 3, 5, true)).toEqual({ values: [1, 2, 3], step: 1 });
    expect(niceTicks(4, 4, 5, true)).toEqual({ values: [3, 4, 5], step: 1 });
  });

  it('rejects a reversed range, naming it', () => {
    expect(() => niceTicks(3, 1)).toThrow('niceTicks needs finite min <= max, got min=3 max=1');
  });
});

describe('lineChart', () => {
  // 400 x 300 with margins 14 top, 20 right, 46 bottom, 66 left leaves a plot area x 66..380, y 14..254 (y grows downward).
  const chart = lineChart({
    title: 'Loss',
    xLabel: 'epoch',
    yLabel: 'loss',
    width: 400,
    height: 300,
    integerX: true,
    series: [
      { name: 'a', color: '#111111', points: [{ x: 1, y: 0 }, { x: 2, y: 5 }, { x: 3, y: 10 }] },
      { name: 'b', color: '#222222', points: [{ x: 1, y: 2 }, { x: 3, y: 4 }] },
    ],
  });

  it('places points at hand-computed coordinates', () => {
    // x ticks 1..3 span 314 units (157 per epoch); y ticks 0..10 span 240 units (24 per unit of loss).
    const polylines = [...chart.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((match) => match[1]);
    expect(polylines).toEqual(['66,254 223,134 380,14', '66,206 380,158']);
  });

  it('draws ticks with labels on both axes, axis titles and a legend entry per series', () => {
    const tickLabels = [...chart.matchAll(/<text class="tick"[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    expect(tickLabels).toEqual(['0', '2', '4', '6', '8', '10', '1', '2', '3']);
    expect(chart).toMatch(/<text class="tick" x="58" y="254"[^>]*>0<\/text>/);
    expect(chart).toMatch(/<text class="tick" x="223" y="272"[^>]*>2<\/text>/);
    expect(chart).toContain('>epoch</text>');
    expect(chart).toContain('>loss</text>');
    expect(chart.match(/<li>/g)).toHaveLength(2);
    expect(chart.match(/<circle /g)).toHaveLength(5);
  });

  it('refuses a chart without points, naming it', () => {
    expect(() => lineChart({ title: 'Empty', xLabel: 'x', yLabel: 'y', series: [] })).toThrow(
      'lineChart "Empty" has no points to draw',
    );
  });
});
