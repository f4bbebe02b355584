import { describe, expect, it } from 'vitest';
import { campaignView, economicsView, monitorView, suiteView } from './adapters.js';
import { campaignViewOf, economicsViewOf, monitorViewOf, readViews, suiteViewOf } from './inputs.js';
import { mailFilter, sampleCampaign, sampleEconomics, sampleMonitor, sampleSuite } from './testing.js';

describe('economicsView', () => {
  it("takes today's cheapest path and Pareto front per attacker, the simulations, recommendations and calibration", () => {
    const v = economicsView(sampleEconomics());
    expect(v?.cheapest.map((p) => [p.attacker, p.steps.map((s) => s.component)])).toEqual([
      ['spammer', ['signup-challenge', 'rate-limiter', 'text-normalizer']],
      ['feedback-poisoner', ['sender-accounts', 'user-feedback']],
    ]);
    expect(v?.pareto.map((f) => [f.attacker, f.paths.length])).toEqual([
      ['spammer', 2],
      ['feedback-poisoner', 1],
    ]);
    expect(v?.simulations.map((s) => `${s.attacker}/${s.metric}`)).toEqual([
      'spammer/time',
      'spammer/money',
      'feedback-poisoner/time',
      'feedback-poisoner/money',
    ]);
    expect(v?.simulations[0]?.bins).toHaveLength(10);
    const [add, planned] = v?.recommendations ?? [];
    expect(add).toMatchObject({
      control: 'confusable-skeleton',
      attackerCostBefore: 190,
      attackerCostAfter: 610,
      attackerCostIncrease: 420,
    });
    // A control that leaves an attacker with no path has no "after" cost: it says so in words.
    expect(planned?.attackerCostAfter).toBeUndefined();
    expect(planned?.why).toMatch(/leaves feedback-poisoner with no path/);
    expect(v?.calibration.map((c) => [c.label, c.predicted, c.measured])).toEqual([
      ['Confusable characters @ text-normalizer', 0.7, 0.64],
      ['layout.html-comment-word-split @ html-to-text', 0.65, 0.4],
    ]);
  });

  it('gives nothing for a result with no paths or sections', () => {
    const e = sampleEconomics();
    expect(
      economicsView({ ...e, attackers: [], simulation: undefined, recommendations: undefined, calibration: undefined }),
    ).toBeUndefined();
  });
});

describe('campaignView', () => {
  it('shows chains with queries per success, the configured target next to each hardening switch, and examples', () => {
    const v = campaignView(sampleCampaign());
    expect(v?.tactics.map((t) => [t.tactic, t.evasion.rate, t.costPerSuccess])).toEqual([
      ['zero-width + hidden-good-words', 0.92, 1.1],
      ['zero-width', 0.81, 1.2],
      ['confusables', 0.64, 3.1],
      ['html-comment-split', 0.4, 7.5],
    ]);
    expect(v?.hardening.map((h) => [h.config, h.tactics.map((t) => t.evasion.rate), h.falsePositive?.rate])).toEqual([
      ['configured', [0.64, 0.81], 0.004],
      ['normalizeConfusables', [0.06, 0.04], 0.006],
    ]);
    expect(v?.examples[1]).toMatchObject({
      tactic: 'zero-width',
      outcome: 'deliver',
      note: 'zero-width characters inserted',
    });
  });
});

describe('suiteView and monitorView', () => {
  it('maps case statuses: pass passes, known failures are skipped, fail fails', () => {
    expect(suiteView(sampleSuite())?.cases.map((c) => c.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(suiteView(sampleSuite())?.cases[2]?.message).toMatch(/known failure: ISSUE-12/);
  });
  it('shows each alert with its window', () => {
    expect(monitorView(sampleMonitor()).alerts[0]).toMatchObject({
      rule: 'score-drift',
      severity: 'high',
      value: 0.31,
    });
    expect(monitorView({ ...sampleMonitor(), alerts: [] }).alerts).toEqual([]);
  });
});

describe('views of untrusted documents', () => {
  it('gives no view for a document of another kind, and never throws on a broken one', () => {
    expect(campaignViewOf(sampleSuite())).toBeUndefined();
    expect(suiteViewOf(sampleCampaign())).toBeUndefined();
    expect(monitorViewOf({ alerts: [] })).toBeUndefined();
    expect(economicsViewOf('nope')).toBeUndefined();
    const broken = { ...sampleCampaign(), chains: [{ label: 'x' }] };
    expect(() => campaignViewOf(broken)).not.toThrow();
    expect(campaignViewOf(broken)).toBeUndefined();
  });

  it("reads economics from the analysis result's slot when no separate document is given", () => {
    const { result } = mailFilter();
    expect(readViews({ analysis: result }).economics).toBeUndefined();
    expect(readViews({ analysis: { ...result, economics: sampleEconomics() } }).economics?.cheapest).toHaveLength(2);
  });
});
