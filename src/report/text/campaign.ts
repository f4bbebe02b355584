/**
 * The terminal summary of a CampaignResult (what `nograd campaign run` and `campaign show` print). Pure: the
 * result in, lines out; colour and tables come from the caller's `table` so this stays free of terminal state.
 */
import { describeEvasion, type EvasionWhen } from '../../campaign/evasion.js';
import { precisionAdvice } from '../../campaign/precision.js';
import type { CampaignResult, ChainResult, FprResult, HardenedChain, Rate } from '../../campaign/result.js';
import { weightedCost } from '../../model/cost.js';
import type { TableFn } from '../renderer.js';

export function pct(r: Rate): string {
  if (r.n === 0) return 'n/a';
  return `${(r.rate * 100).toFixed(1)}% [${(r.ci95.low * 100).toFixed(1)}–${(r.ci95.high * 100).toFixed(1)}] (${r.k}/${r.n})`;
}

function num(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits).replace(/\.0+$/, '');
}

function fpr(f: FprResult | null): string {
  if (!f) return '—';
  return `blocked ${pct(f.blocked)}, review ${pct(f.reviewed)}${f.tagged ? `, tagged ${pct(f.tagged)}` : ''}`;
}

/** allow / tag / review / block counts of a chain's answered attempts ("—" for results written before the split). */
export function outcomeSplit(c: ChainResult): string {
  const o = c.outcomes;
  return o ? `${o.allow}/${o.tag}/${o.review}/${o.block}` : '—';
}

/** The evasion condition as the summary states it, in the target's score units. */
export function evasionText(r: CampaignResult): string {
  const e = r.evasionCondition;
  return describeEvasion(
    {
      when: e.when as EvasionWhen,
      ...(e.scoreBelow !== null ? { scoreBelow: e.scoreBelow } : {}),
      ...(e.scoreAbove !== null && e.scoreAbove !== undefined ? { scoreAbove: e.scoreAbove } : {}),
    },
    r.target.scoreScale?.unit,
  );
}

/** A score movement with its unit ("0.21", "3.4 points"). */
function movement(x: number | null, unit: string | undefined): string {
  if (x === null) return '—';
  const u = unit && unit !== 'probability' && unit !== 'other' ? ` ${unit}` : '';
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)}${u}`;
}

/** Defused and reduced need disjoint 95% intervals; say so when the hardened side hit zero on too few attempts. */
function verdict(c: HardenedChain): string {
  if (c.defused) return 'defused';
  if (c.reduced) return 'reduced';
  if (c.hardened.k === 0 && c.base.k > 0) return 'none got through (too few attempts to be significant)';
  if (c.hardened.rate < c.base.rate) return 'lower (not significant)';
  return 'not reduced';
}

function chainRow(c: ChainResult, unit: string | undefined, scored: boolean): string[] {
  const perSuccess = c.cost.perSuccess;
  return [
    c.label,
    pct(c.evasion),
    outcomeSplit(c),
    ...(scored ? [movement(c.meanScoreDrop, unit)] : []),
    c.evadedInvalid ? String(c.evadedInvalid) : '0',
    num(perSuccess?.queries ?? null),
    perSuccess ? `$${num(perSuccess.money, 2)}` : '—',
    num(perSuccess ? weightedCost(perSuccess) : null),
    num(c.cost.firstSuccess?.queries ?? null),
    c.notApplicable ? String(c.notApplicable) : '0',
    c.defusedBy.length ? c.defusedBy.join(', ') : '—',
  ];
}

/** What the campaign could resolve, and the chains it stopped once their answer was clear. */
function precisionLines(r: CampaignResult): string[] {
  const p = r.precision;
  if (!p || p.attemptsPerChain === 0) return [];
  const out: string[] = [];
  const advice = precisionAdvice(p);
  out.push(
    advice
      ? `precision: ${advice}`
      : `precision: ±${(p.achievableHalfWidth * 100).toFixed(0)} points at worst per chain (${p.attemptsPerChain} attempts; ±${(p.halfWidth * 100).toFixed(0)} asked)`,
  );
  if (p.stopped.length) {
    const saved = p.stopped.reduce((s, x) => s + x.skipped, 0);
    const shown = p.stopped.slice(0, 5).map((x) => `${x.chain.join(' + ')} (${x.reason} after ${x.successes}/${x.n})`);
    out.push(
      `stopped early once decided (> ${(p.decisionRate * 100).toFixed(0)}% or not): ${p.stopped.length} chain${p.stopped.length === 1 ? '' : 's'}, ${saved} attempts not sent — ${shown.join('; ')}${p.stopped.length > 5 ? '; …' : ''}`,
    );
  }
  return out;
}

/** A human summary: status, baseline, the best chains, the defender side and the baselines. */
export function renderCampaignText(r: CampaignResult, table: TableFn, maxChains = 20): string {
  const lines: string[] = [];
  lines.push(`campaign ${r.name} · run ${r.runId} · ${r.status}${r.stopReason ? ` (${r.stopReason})` : ''}`);
  lines.push(
    `target ${r.target.kind} (${r.target.fingerprint}) · evasion = ${evasionText(r)}` +
      (r.target.scoreScale ? ` · scores: ${r.target.scoreScale.unit}, ${r.target.scoreScale.direction}` : ''),
  );
  lines.push(`seeds: ${r.seeds.source}${r.benign ? ` · benign: ${r.benign.source}` : ''}`);
  const t = r.totals;
  lines.push(
    `${t.attempts} attempts · ${t.queries} queries (${t.sent} sent, ${t.cached} from cache) · ${t.errors} errors · ` +
      `${t.notApplicable} not applicable · ${num(t.wallSeconds, 1)} s`,
  );
  lines.push(
    `simulated attacker cost (catalog prices, not money spent by this run): $${num(t.money, 2)} · ${num(t.accounts)} accounts`,
  );
  if (t.cached > 0) {
    // Say it plainly: these answers were not asked of the target in this run.
    lines.push(
      `answered from cache: ${t.cached} of ${t.attempts} attempts (earlier answers of target ${r.target.fingerprint}; ` +
        'give the target a new version: or run with --no-cache to ask it again)',
    );
  }
  lines.push('');
  lines.push(`untouched seeds that already get through: ${pct(r.baseline)}`);
  if (r.chains.length) {
    lines.push('');
    lines.push(
      'tactic chains on the configured target (best first; evasion = delivered AND the payload still works, 95% Wilson CI):',
    );
    const unit = r.target.scoreScale?.unit;
    const scored = r.target.exposes.includes('score');
    const rows = r.chains.slice(0, maxChains).map((c) => chainRow(c, unit, scored));
    lines.push(
      table(
        [
          'chain',
          'evasion',
          'allow/tag/review/block',
          ...(scored ? ['score moved toward benign'] : []),
          'evaded-invalid',
          'queries/success',
          'sim. $/success',
          'weighted cost/success',
          'queries to 1st',
          'n/a',
          'defused by',
        ],
        rows,
      ),
    );
    if (r.chains.length > maxChains) lines.push(`… ${r.chains.length - maxChains} more chains in the JSON result`);
  }
  lines.push(...precisionLines(r));
  if (r.defender.benign || r.defender.hardening.length) {
    lines.push('');
    lines.push(`benign set on the configured target: ${fpr(r.defender.benign)}`);
    for (const h of r.defender.hardening) {
      lines.push('');
      const delta =
        h.fprDelta === null ? '' : ` (FPR change ${h.fprDelta >= 0 ? '+' : ''}${(h.fprDelta * 100).toFixed(1)} points)`;
      lines.push(`with ${h.switch} on: untouched ${pct(h.baseline)} · benign ${fpr(h.benign)}${delta}`);
      if (h.chains.length) {
        lines.push(
          table(
            ['chain', 'base', 'hardened', 'verdict'],
            h.chains.map((c) => [c.label, pct(c.base), pct(c.hardened), verdict(c)]),
          ),
        );
      }
    }
  }
  const b = r.baselines;
  if (b) {
    lines.push('');
    lines.push('model-level baselines (for contrast):');
    if (b.goodWord) {
      const g = b.goodWord;
      lines.push(
        `  good-word (Lowd & Meek, needs the score): ${pct(g.evasion)} of ${g.seedsAttacked} seeds, ${num(g.queries.perSuccess)} queries/success, ` +
          `${num(g.wordsAdded.mean)} words added on average`,
      );
    }
    if (b.gradient) {
      const g = b.gradient;
      lines.push(
        `  feature-space gradient (needs the weights): ${g.featureSpaceSuccesses} of ${g.seedsAttacked} crossed in feature space; ` +
          `realizable ${pct(g.realizable)}; through the real pipeline ${pct(g.realizedThroughPipeline)}; additions-only ${pct(g.additionsOnly.evasion)}`,
      );
    }
    for (const s of b.skipped) lines.push(`  ${s.name}: skipped (${s.reason})`);
  }
  if (r.warnings.length) {
    lines.push('');
    for (const w of r.warnings) lines.push(`warning: ${w}`);
  }
  return lines.join('\n');
}
