/**
 * The terminal summary of a CampaignResult (what `nograd campaign run` and `campaign show` print). Pure: the
 * result in, lines out; colour and tables come from the caller's `table` so this stays free of terminal state.
 */
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
  return `blocked ${pct(f.blocked)}, review ${pct(f.reviewed)}`;
}

/** Defused and reduced need disjoint 95% intervals; say so when the hardened side hit zero on too few attempts. */
function verdict(c: HardenedChain): string {
  if (c.defused) return 'defused';
  if (c.reduced) return 'reduced';
  if (c.hardened.k === 0 && c.base.k > 0) return 'none got through (too few attempts to be significant)';
  if (c.hardened.rate < c.base.rate) return 'lower (not significant)';
  return 'not reduced';
}

function chainRow(c: ChainResult): string[] {
  const perSuccess = c.cost.perSuccess;
  return [
    c.label,
    pct(c.evasion),
    c.evadedInvalid ? String(c.evadedInvalid) : '0',
    num(perSuccess?.queries ?? null),
    num(perSuccess ? weightedCost(perSuccess) : null),
    num(c.cost.firstSuccess?.queries ?? null),
    c.notApplicable ? String(c.notApplicable) : '0',
    c.defusedBy.length ? c.defusedBy.join(', ') : '—',
  ];
}

/** A human summary: status, baseline, the best chains, the defender side and the baselines. */
export function renderCampaignText(r: CampaignResult, table: TableFn, maxChains = 20): string {
  const lines: string[] = [];
  lines.push(`campaign ${r.name} · run ${r.runId} · ${r.status}${r.stopReason ? ` (${r.stopReason})` : ''}`);
  lines.push(
    `target ${r.target.kind} (${r.target.fingerprint}) · evasion = ${r.evasionCondition.when}${r.evasionCondition.scoreBelow !== null ? ` < ${r.evasionCondition.scoreBelow}` : ''}`,
  );
  lines.push(`seeds: ${r.seeds.source}${r.benign ? ` · benign: ${r.benign.source}` : ''}`);
  const t = r.totals;
  lines.push(
    `${t.attempts} attempts · ${t.queries} queries (${t.sent} sent, ${t.cached} from cache) · ${t.errors} errors · ` +
      `${t.notApplicable} not applicable · $${num(t.money, 2)} · ${num(t.accounts)} accounts · ${num(t.wallSeconds, 1)} s`,
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
    const rows = r.chains.slice(0, maxChains).map(chainRow);
    lines.push(
      table(
        [
          'chain',
          'evasion',
          'evaded-invalid',
          'queries/success',
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
