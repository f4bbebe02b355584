/**
 * Typed adapters: the engines' own result documents (economics, campaign, regression suite, monitor check) turned
 * into the small views the renderers draw. Which adapter applies is decided by the document's `kind`
 * (documents.ts), never by its shape.
 *
 * Presentation choices made here (and documented in docs/reports.md):
 * - economics: today's scenario is the report's scenario (the planned one is what the recommendations are about);
 *   simulations show time to success and money per attacker; calibration compares success probabilities.
 * - campaign: "cost per success" is queries per success — every campaign counts queries, so all chains share
 *   one axis; the hardening table shows the configured target first, then one column per switch.
 * - suite: pass and fixed cases pass, known failures are skipped, fail and error fail.
 */
import type { EconomicsResult, AttackPath as EngineAttackPath, SimulationResult } from '../analysis/economics/types.js';
import type { CampaignResult, Rate } from '../campaign/result.js';
import type { CheckResult } from '../monitor/check.js';
import type { SuiteResult } from '../regress/run.js';
import type {
  AttackPathView,
  CampaignView,
  CaseView,
  EconomicsView,
  HardeningView,
  MonitorView,
  RateView,
  SimulationView,
  SuiteView,
  TacticResultView,
} from './views.js';

// ------------------------------------------------------------------------------------------------ economics

function pathView(attacker: string, p: EngineAttackPath): AttackPathView {
  return {
    id: p.key,
    attacker,
    steps: p.steps.map((s) => ({
      // An `open` step has no component: the stage itself is what the attacker passes.
      component: s.component ?? s.landsOn ?? s.dependency ?? `(${s.stage})`,
      tactic: s.tactic ?? (s.kind === 'side-door' ? `side door: ${s.sideDoor ?? ''}` : s.kind),
      ...(s.tacticName ? { tacticName: s.tacticName } : {}),
      successProbability: s.successProbability,
      cost: s.cost,
    })),
    cost: p.cost,
    weightedCost: p.weightedCost,
    successProbability: p.successProbability,
  };
}

const SIM_METRICS: Array<{ key: 'timeHours' | 'money'; metric: string; unit: string }> = [
  { key: 'timeHours', metric: 'time', unit: 'hours' },
  { key: 'money', metric: 'money', unit: 'USD' },
];

function simulationViews(r: SimulationResult): SimulationView[] {
  if (r.scenario !== 'today') return [];
  return SIM_METRICS.flatMap(({ key, metric, unit }) => {
    const d = r[key];
    const edges = d?.histogram?.edges ?? [];
    const counts = d?.histogram?.counts ?? [];
    if (!d || counts.length === 0 || edges.length !== counts.length + 1) return [];
    // A distribution that never varies (e.g. money on a free path) makes a one-bar chart that says nothing.
    if (d.max === 0) return [];
    return [
      {
        attacker: r.attacker,
        metric,
        unit,
        samples: [],
        bins: counts.map((count, i) => ({ lo: edges[i] ?? 0, hi: edges[i + 1] ?? 0, count })),
        successRate: r.pSuccessWithinBudget,
        mean: d.mean,
        p50: d.median,
        p90: d.p90,
      },
    ];
  });
}

/** The report's view of an economics result. Undefined when it has nothing to show. */
export function economicsView(e: EconomicsResult): EconomicsView | undefined {
  const cheapest: AttackPathView[] = [];
  const pareto: EconomicsView['pareto'] = [];
  for (const a of e.attackers) {
    if (a.today.cheapest) cheapest.push(pathView(a.attacker, a.today.cheapest));
    const front = a.today.pareto.map((p) => pathView(a.attacker, p));
    if (front.length) pareto.push({ attacker: a.attacker, paths: front });
  }
  const rec = e.recommendations;
  const view: EconomicsView = {
    weights: e.weights,
    cheapest,
    paths: pareto.flatMap((f) => f.paths),
    pareto,
    simulations: (e.simulation?.results ?? []).flatMap(simulationViews),
    recommendations: (rec?.add ?? []).map((c) => {
      const before = c.perAttacker.map((d) => d.before).filter((v): v is number => v !== null);
      const after = c.perAttacker.map((d) => d.after).filter((v): v is number => v !== null);
      const blocks = c.perAttacker.filter((d) => d.blocks).map((d) => d.attacker);
      return {
        control: c.control,
        name: c.name,
        components: c.on,
        why: [
          c.action === 'implement-planned' ? 'implement the planned control' : 'add',
          blocks.length ? `leaves ${blocks.join(', ')} with no path` : '',
          c.simple ? 'a simple heuristic' : '',
        ]
          .filter(Boolean)
          .join('; '),
        ...(before.length ? { attackerCostBefore: before.reduce((s, v) => s + v, 0) } : {}),
        ...(after.length && !blocks.length ? { attackerCostAfter: after.reduce((s, v) => s + v, 0) } : {}),
        attackerCostIncrease: c.attackerCostRaised,
        defenderCost: c.defenderCost,
        ...(c.ratio !== null ? { score: c.ratio } : {}),
      };
    }),
    calibration: (e.calibration?.rows ?? []).flatMap((r) =>
      r.predicted
        ? [
            {
              label: `${r.name ?? r.tactic}${r.at ? ` @ ${r.at}` : ''}`,
              metric: 'success rate',
              predicted: r.predicted.successProbability,
              measured: r.measured.successRate,
              low: r.measured.ci95[0],
              high: r.measured.ci95[1],
            },
          ]
        : [],
    ),
    ...(e.calibration?.judgement
      ? {
          calibrationVerdict: [
            e.calibration.judgement.verdict,
            ...(e.calibration.judgement.cheapestChange ?? [])
              .filter((ch) => ch.predicted !== ch.measured)
              .map(
                (ch) =>
                  `cheapest path of ${ch.attacker}: ${ch.predicted ?? 'none'} with the catalog's predictions, ${ch.measured ?? 'none'} with the measured rates`,
              ),
          ],
        }
      : {}),
  };
  const empty =
    view.cheapest.length +
      view.pareto.length +
      view.simulations.length +
      view.recommendations.length +
      view.calibration.length ===
    0;
  return empty ? undefined : view;
}

// ------------------------------------------------------------------------------------------------ campaign

function rateView(r: Rate): RateView {
  return { rate: r.rate, low: r.ci95.low, high: r.ci95.high, attempts: r.n, successes: r.k };
}

export function campaignView(c: CampaignResult): CampaignView | undefined {
  const tactics: TacticResultView[] = c.chains.map((ch) => ({
    tactic: ch.label,
    name: ch.chain.length ? ch.label : 'untouched seeds',
    chain: ch.chain,
    evasion: rateView(ch.evasion),
    ...(ch.outcomes ? { outcomes: { ...ch.outcomes } } : {}),
    ...(ch.cost.perSuccess ? { costPerSuccess: ch.cost.perSuccess.queries, costUnit: 'queries' } : {}),
  }));
  const hardening: HardeningView[] = [];
  if (c.defender.hardening.length) {
    // The configured target first: its rates are each switch's `base`.
    const base = new Map<string, TacticResultView>();
    for (const hr of c.defender.hardening)
      for (const hc of hr.chains)
        if (!base.has(hc.label)) base.set(hc.label, { tactic: hc.label, chain: hc.chain, evasion: rateView(hc.base) });
    hardening.push({
      config: 'configured',
      label: 'as configured',
      tactics: [...base.values()],
      ...(c.defender.benign ? { falsePositive: rateView(c.defender.benign.blocked) } : {}),
    });
    for (const hr of c.defender.hardening) {
      hardening.push({
        config: hr.switch,
        label: `${hr.switch} on`,
        tactics: hr.chains.map((hc) => ({ tactic: hc.label, chain: hc.chain, evasion: rateView(hc.hardened) })),
        ...(hr.benign ? { falsePositive: rateView(hr.benign.blocked) } : {}),
      });
    }
  }
  const examples = c.examples.map((ex) => ({
    tactic: ex.label,
    original: ex.original,
    transformed: ex.transformed,
    ...(ex.decision !== null ? { outcome: ex.decision } : {}),
    ...(ex.notes.length ? { note: ex.notes.join('; ') } : {}),
  }));
  if (tactics.length + hardening.length + examples.length === 0) return undefined;
  return {
    name: c.name,
    target: c.target.kind,
    seed: String(c.seed),
    tactics,
    hardening,
    examples,
  };
}

// ------------------------------------------------------------------------------------------------ suite, monitor

export function suiteView(s: SuiteResult): SuiteView | undefined {
  const cases: CaseView[] = s.cases.map((c) => ({
    name: c.id,
    ...(c.miner ? { classname: c.miner } : {}),
    status:
      c.status === 'pass' || c.status === 'fixed' ? 'passed' : c.status === 'known-failure' ? 'skipped' : 'failed',
    message:
      c.status === 'known-failure' && c.knownFailure ? `${c.message} (known failure: ${c.knownFailure})` : c.message,
    timeMs: c.durationMs,
  }));
  if (cases.length === 0) return undefined;
  const target = s.target?.kind
    ? `${s.target.kind}${s.target.fingerprint ? ` ${s.target.fingerprint}` : ''}`
    : undefined;
  return { name: s.suite.name ?? s.suite.file ?? 'regression', ...(target ? { target } : {}), cases };
}

/** Always a view: a check that fired nothing is worth showing ("no alerts"). */
export function monitorView(m: CheckResult): MonitorView {
  return {
    alerts: m.alerts.map((a) => ({
      rule: a.ruleId,
      severity: a.severity,
      message: `${a.subject !== '*' && a.subject ? `${a.subject}: ` : ''}${a.message}`,
      at: `${a.window.start} – ${a.window.end}`,
      value: a.value,
      threshold: a.threshold,
    })),
  };
}
