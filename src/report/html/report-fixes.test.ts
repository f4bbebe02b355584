/** The report defects a security lead found (issue 18), each pinned by a test that fails on the old rendering. */
import { describe, expect, it } from 'vitest';
import { mailFilter, sampleCampaign, sampleSuite } from '../testing.js';
import { histogramChart, scatterChart, stackLabels } from './charts.js';
import { renderDiagramSvg } from './diagram.js';
import { renderHtml } from './render.js';

describe('report fixes', () => {
  it('draws a chart legend in its own row under the title, never over it', () => {
    const svg = scatterChart({
      title: 'Pareto fronts: money vs attacker hours for every attacker of the system',
      x: { label: 'x' },
      y: { label: 'y' },
      points: [
        { x: 1, y: 1, label: 'a', group: 0 },
        { x: 2, y: 2, label: 'b', group: 1 },
      ],
      groups: ['spammer', 'phisher'],
    });
    const titleY = Number(svg.match(/<text x="\d+" y="(\d+)" font-size="13"/)![1]);
    const legendYs = [...svg.matchAll(/<g class="legend-item"><circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(legendYs.length).toBe(2);
    for (const y of legendYs) expect(y - titleY).toBeGreaterThanOrEqual(12);
  });

  it('stacks histogram marker labels that would collide', () => {
    expect(
      stackLabels(
        [
          { x: 100, w: 50 },
          { x: 110, w: 50 },
          { x: 300, w: 20 },
        ],
        3,
      ),
    ).toEqual([0, 1, 0]);
    const svg = histogramChart({
      title: 't',
      x: { label: 'hours' },
      bins: [
        { lo: 0, hi: 10, count: 3 },
        { lo: 10, hi: 20, count: 5 },
        { lo: 20, hi: 100, count: 1 },
      ],
      marks: [
        { x: 10, label: 'median 10' },
        { x: 15, label: 'p90 15' },
      ],
    });
    const ys = [...svg.matchAll(/<g class="mark">.*?<text x="[\d.]+" y="([\d.]+)"/g)].map((m) => m[1]);
    expect(ys.length).toBe(2);
    expect(new Set(ys).size).toBe(2);
  });

  it('labels predicted-vs-measured points with their tactic', () => {
    const svg = scatterChart({
      title: 'Predicted vs measured',
      x: { label: 'predicted' },
      y: { label: 'measured' },
      points: [
        { x: 0.2, y: 0.3, label: 'zero-width' },
        { x: 0.21, y: 0.31, label: 'confusables' },
      ],
      diagonal: true,
      labelPoints: true,
    });
    const labels = [...svg.matchAll(/<text class="point-label" x="[\d.]+" y="([\d.]+)"[^>]*>([^<]+)</g)];
    expect(labels.map((m) => m[2])).toEqual(expect.arrayContaining(['zero-width', 'confusables']));
    expect(labels[0]![1]).not.toBe(labels[1]![1]);
  });

  it('shows every attacker on a shared edge and node, and keeps control names readable', () => {
    const { loaded } = mailFilter();
    const highlights = [
      { attacker: 'spammer', label: 'spammer', components: ['signup-challenge', 'sender-accounts', 'rate-limiter'] },
      { attacker: 'phisher', label: 'phisher', components: ['signup-challenge', 'sender-accounts', 'rate-limiter'] },
    ];
    const { svg } = renderDiagramSvg(loaded.model, { highlights });
    expect(svg).toContain('data-attackers="spammer, phisher"');
    expect(svg).toMatch(/<rect class="ring"/);
    expect(svg).toContain('signup-challenge-control');
    const badgeTexts = [...svg.matchAll(/<g class="badge [^"]+">.*?<text[^>]*>([^<]*)<\/text><\/g>/g)].map(
      (m) => m[1]!,
    );
    expect(badgeTexts.length).toBeGreaterThan(5);
    for (const t of badgeTexts) expect(t.length, t).toBeGreaterThan(14);
  });

  it('groups findings by rule, says "no attempts" for empty chains and names the suite target', () => {
    const { result, loaded } = mailFilter();
    const campaign = sampleCampaign();
    campaign.chains.push({
      ...campaign.chains[0]!,
      chain: ['unused'],
      label: 'unused',
      attempts: 0,
      n: 0,
      evasion: { k: 0, n: 0, rate: 0, ci95: { low: 0, high: 1 } },
    });
    const html = renderHtml({ analysis: result, model: loaded.model, campaign, suites: [sampleSuite()] });
    const open = result.findings.filter((f) => !f.suppressed);
    const groups = (html.match(/<details class="finding-group"/g) ?? []).length;
    expect(groups).toBe(new Set(open.map((f) => f.rule)).size);
    expect(groups).toBeLessThan(open.length);
    expect(html).toContain('no attempts');
    expect(html).not.toMatch(/0%<\/td><td class="num">0% – 100%/);
    expect(html).toMatch(/Ran against target <code>reference /);
  });
});
