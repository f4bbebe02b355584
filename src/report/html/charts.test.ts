import { describe, expect, it } from 'vitest';
import { binSamples, fmtNumber, histogramChart, niceTicks, scatterChart } from './charts.js';

describe('charts', () => {
  it('nice ticks cover the range with round steps', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 97)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('formats numbers compactly', () => {
    expect(fmtNumber(12345)).toBe('12.3k');
    expect(fmtNumber(0.0456)).toBe('0.046');
    expect(fmtNumber(2_500_000)).toBe('2.5M');
  });

  it('scatter: points, whiskers, step lines, diagonal, escaped labels', () => {
    const svg = scatterChart({
      title: '<script>t</script>',
      x: { label: 'cost', log: true },
      y: { label: 'rate', percent: true, min: 0, max: 1 },
      points: [
        { x: 1, y: 0.5, yLow: 0.4, yHigh: 0.6, label: '<img src=x onerror=alert(1)>' },
        { x: 100, y: 0.9, label: 'b', highlight: true },
        { x: Number.NaN, y: 1, label: 'skipped' },
      ],
      lines: [
        {
          points: [
            [1, 0.5],
            [100, 0.9],
          ],
          step: true,
        },
      ],
      diagonal: true,
    });
    expect(svg.match(/class="point"/g)).toHaveLength(2);
    expect(svg).toContain('class="whisker"');
    expect(svg).toContain('class="series-line"');
    expect(svg).toContain('class="diagonal"');
    expect(svg).not.toMatch(/<(script|img)/);
    expect(svg).not.toContain('NaN');
  });

  it('histogram with a CDF and marks', () => {
    const bins = binSamples([1, 2, 2, 3, 3, 3, 4, 4, 5, 10]);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(10);
    const svg = histogramChart({
      title: 'h',
      x: { label: 'USD' },
      bins,
      cdf: true,
      marks: [{ x: 3, label: 'median' }],
    });
    expect(svg.match(/class="bar"/g)?.length).toBe(bins.length);
    expect(svg).toContain('class="cdf"');
    expect(svg).toContain('class="mark"');
  });

  it('handles empty and constant data', () => {
    expect(binSamples([])).toEqual([]);
    expect(binSamples([2, 2, 2])).toEqual([{ lo: 1.5, hi: 2.5, count: 3 }]);
    expect(scatterChart({ title: 't', x: { label: 'x' }, y: { label: 'y' }, points: [] })).toContain('<svg');
  });
});
