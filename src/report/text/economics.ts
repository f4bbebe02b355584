/**
 * The economics sections of `nograd analyze`'s terminal output. Reads the result document only; the full cost
 * vector is always printed next to the weighted number that ranked it.
 */
import type {
  AttackPath,
  Distribution,
  EconomicsResult,
  PathSet,
  SimulationResult,
} from '../../analysis/economics/types.js';
import { formatWeights } from '../../analysis/economics/weights.js';
import { COST_DIMENSIONS, COST_UNITS, type CostVector } from '../../model/cost.js';
import { fmt } from '../../util/format-number.js';

interface Colors {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

export { fmt };

export function formatCost(c: CostVector): string {
  return COST_DIMENSIONS.map((d) =>
    d === 'detectionRisk'
      ? `detection ${(c[d] * 100).toFixed(0)}%`
      : `${d} ${fmt(c[d])}${d === 'money' ? ' USD' : d === 'queries' ? '' : ` ${COST_UNITS[d]}`}`,
  ).join(' · ');
}

function pathLines(p: AttackPath, c: Colors, indent: string): string[] {
  const lines = p.steps.map((s) => {
    if (s.kind === 'open') return `${indent}  ${s.stage.padEnd(11)} open (nothing there stops the attacker)`;
    const door = s.sideDoor ? c.yellow(` [side door: ${s.sideDoor}]`) : '';
    const also = s.alsoAt && s.alsoAt.length > 0 ? c.dim(` (also at ${s.alsoAt.length} more)`) : '';
    const lands = s.landsOn && s.landsOn !== s.component ? ` → ${s.landsOn}` : '';
    const range = s.successInterval
      ? c.dim(` [${fmt(s.successInterval.low)}–${fmt(s.successInterval.high)} ${s.successInterval.basis}]`)
      : '';
    return `${indent}  ${s.stage.padEnd(11)} ${s.tactic} @ ${s.component}${lands}${door}${also}  p=${fmt(s.successProbability)}${range} ×${fmt(s.attempts)} attempts`;
  });
  const budget = p.budget.within
    ? c.green('within budget')
    : c.red(
        `over budget: ${p.budget.exceeded.map((e) => `${e.dimension} ${fmt(e.need)} > ${fmt(e.have)}`).join(', ')}`,
      );
  return [
    ...lines,
    `${indent}  cost: ${formatCost(p.cost)}`,
    `${indent}  weighted ${fmt(p.weightedCost)} · one pass succeeds p=${fmt(p.successProbability)} · ${budget}`,
  ];
}

function pathSetLines(label: string, s: PathSet, c: Colors): string[] {
  if (!s.cheapest) return [`  ${label}: ${c.green('no path')} — ${s.blocked?.reason ?? 'blocked'}`];
  return [
    `  ${label}: cheapest of ${s.paretoSize} Pareto-optimal path${s.paretoSize === 1 ? '' : 's'}${s.search.truncated ? c.yellow(' (front truncated)') : ''}`,
    ...pathLines(s.cheapest, c, '  '),
  ];
}

function dist(d: Distribution, unit = ''): string {
  return `median ${fmt(d.median)}${unit} · p90 ${fmt(d.p90)}${unit}`;
}

function simulationLines(r: SimulationResult, c: Colors): string[] {
  const lines = [
    `  ${c.bold(r.attacker)} (${r.scenario}): reached the goal in ${r.succeeded}/${r.trials} trials · within budget ${(r.pSuccessWithinBudget * 100).toFixed(1)}% · noticed at least once ${(r.pDetectedAtLeastOnce * 100).toFixed(1)}%`,
    `    time-to-success ${dist(r.timeHours, ' h')} · cost-to-success ${dist(r.money, ' USD')} · human ${dist(r.humanHours, ' h')}`,
    `    attempts ${dist(r.attempts)} · accounts burned ${dist(r.accountsBurned)}`,
    `    defender baseline (not caused by the attacker): ${fmt(r.defender.falsePositivesPerDay)} false positives/day on ${fmt(r.defender.benignPerDay)} benign items/day (${dist(r.defender.falsePositivesDuringCampaign)} over the campaign's days)`,
  ];
  const rv = r.defender.review;
  if (rv) {
    const util = `${(rv.peakUtilization * 100).toFixed(0)}%`;
    lines.push(
      `    review ${rv.component}: peak load ${rv.peakUtilization > 1 ? c.red(util) : util} of ${rv.capacityPerDay ?? 'unbounded'}/day · review hours caused by the attacker ${rv.reviewHoursCausedByAttacker ? dist(rv.reviewHoursCausedByAttacker, ' h') : '—'} (with the baseline benign load: ${dist(rv.reviewHoursDuringCampaign, ' h')})`,
    );
  }
  return lines;
}

export function renderEconomicsText(e: EconomicsResult, c: Colors): string {
  const out: string[] = [];
  out.push(c.bold('Attack paths (cheapest per attacker)'));
  out.push(c.dim(`  weights: ${formatWeights(e.weights)} — ranking only; every path shows its full cost vector`));
  for (const a of e.attackers) {
    out.push(`${c.bold(a.attacker)} (${a.goal} → ${a.target})`);
    if (a.weights) out.push(c.dim(`  ranked with their hourly rate: ${formatWeights(a.weights)}`));
    out.push(...pathSetLines('today', a.today, c));
    const t = a.today.cheapest;
    const p = a.planned.cheapest;
    if (t?.key === p?.key && t && p) out.push(c.dim('  planned: same cheapest path'));
    else out.push(...pathSetLines('planned', a.planned, c));
  }
  const d = e.defender;
  out.push('');
  out.push(c.bold('Defender cost'));
  for (const s of [d.today, d.planned]) {
    out.push(
      `  ${s.scenario.padEnd(8)} ${s.controls.length} controls · ${fmt(s.totalScalar)} USD-eq/month (money ${fmt(s.moneyPerMonth)} USD/month, review ${fmt(s.reviewHoursPerWeek)} h/week, ${fmt(s.falsePositivesPerDay)} false positives/day, up to +${fmt(s.maxLatencyMs)} ms per item)`,
    );
  }
  if (e.simulation) {
    out.push('');
    out.push(c.bold(`Simulation (${e.simulation.trials} trials, seed ${e.simulation.seed})`));
    for (const r of e.simulation.results) out.push(...simulationLines(r, c));
  }
  const rec = e.recommendations;
  if (rec) {
    out.push('');
    out.push(c.bold('Recommended controls (attacker cost raised per unit of defender cost)'));
    const top = rec.add.filter((x) => x.blocksSome || x.attackerCostRaised > 0).slice(0, 8);
    if (top.length === 0) out.push('  no candidate control raises any cheapest path');
    for (const x of top) {
      const ratio = x.blocksSome ? c.green('blocks a path') : x.ratio === null ? 'free' : `${fmt(x.ratio)}/unit`;
      out.push(
        `  ${x.action === 'add' ? '+' : '✓'} ${x.control}${x.simple ? ' (simple)' : ''} on ${x.on.join(', ')}: +${fmt(x.attackerCostRaised)} attacker cost for ${fmt(x.defenderCost)} defender cost — ${ratio}`,
      );
    }
    const losses = rec.existing.filter((x) => x.attackerCostRaised < 0 || x.perAttacker.some((d) => d.opens));
    if (losses.length > 0) {
      out.push(c.dim('  existing controls that hold attackers back (removing them would cost):'));
      for (const x of losses.slice(0, 5)) out.push(`    − ${x.control}: ${fmt(x.attackerCostRaised)}`);
    }
    for (const s of rec.simpleDefences) {
      if (!s.best) continue;
      out.push(
        `  simple defence vs ${s.attacker}: ${s.best.control} ${s.best.defuses ? c.green('defuses') : 'does not defuse'} the cheapest path${s.best.factor !== null ? ` (×${fmt(s.best.factor)})` : ' (blocks it)'}`,
      );
    }
    for (const h of rec.hardening)
      if (h.leavesOpen) out.push(`  ${c.yellow('hardening')} vs ${h.attacker}: ${h.message}`);
  }
  if (e.calibration) {
    out.push('');
    out.push(
      c.bold(
        `Calibration: predicted vs measured${e.calibration.appliedToPaths ? ' (measured values used in the paths above)' : ''}`,
      ),
    );
    for (const r of e.calibration.rows) {
      const pred = r.predicted ? fmt(r.predicted.successProbability) : '—';
      const ci = `[${fmt(r.measured.ci95[0])}, ${fmt(r.measured.ci95[1])}]`;
      const flag =
        r.withinCi === null
          ? ''
          : r.withinCi
            ? c.green(' ✓ within CI')
            : c.yellow(
                ` ✗ outside CI by ${fmt(Math.abs(r.outsideBy ?? 0))} (${(r.outsideBy ?? 0) > 0 ? 'predicted too high' : 'predicted too low'})`,
              );
      const post =
        r.belief && r.belief.basis === 'measured'
          ? c.dim(` → now ${fmt(r.belief.mean)} [${fmt(r.belief.ci90[0])}–${fmt(r.belief.ci90[1])}]`)
          : '';
      out.push(
        `  ${r.tactic}: predicted ${pred}${r.at ? ` at ${r.at}` : ''} · measured ${fmt(r.measured.successRate)} ${ci} (n=${r.n})${flag}${post}`,
      );
    }
    const j = e.calibration.judgement;
    if (j) {
      out.push(`  ${j.outside > 0 ? c.yellow(j.verdict) : j.verdict}`);
      for (const ch of j.cheapestChange ?? [])
        if (ch.predicted !== ch.measured)
          out.push(
            `  cheapest path of ${ch.attacker}: ${ch.predicted ?? 'none'} (predicted) → ${ch.measured ?? 'none'} (measured)`,
          );
    }
  }
  if (e.notes.length > 1) {
    out.push('');
    for (const n of e.notes.slice(1)) out.push(c.dim(`note: ${n}`));
  }
  return out.join('\n');
}
