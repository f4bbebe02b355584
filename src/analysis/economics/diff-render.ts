/**
 * `nograd diff` output: Markdown for a pull-request comment (the default) and plain text for a terminal. Every
 * model-derived string in Markdown is escaped so ids cannot break the table or inject markup.
 */
import { COST_DIMENSIONS } from '../../model/cost.js';
import { fmt } from '../../util/format-number.js';
import type { AttackerDiff, EconomicsDiff } from './types.js';
import { formatWeights } from './weights.js';

/** Escape Markdown table/inline syntax and HTML in a model-derived string. */
export function mdEscape(s: string): string {
  return s
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

const STATUS_MD: Record<AttackerDiff['status'], string> = {
  unchanged: 'unchanged',
  cheaper: '🔻 cheaper',
  dearer: '🔺 dearer',
  opened: '🚨 path opened',
  blocked: '✅ blocked',
  added: 'new attacker',
  removed: 'attacker removed',
  'still-blocked': 'no path',
};

function cost(x: AttackerDiff['before']): string {
  return x ? fmt(x.weightedCost) : 'no path';
}

function changes(x: AttackerDiff): string {
  if (!x.costDelta) return '';
  return COST_DIMENSIONS.filter((d) => Math.abs(x.costDelta![d]) > 1e-9)
    .map(
      (d) =>
        `${d} ${x.costDelta![d] > 0 ? '+' : ''}${d === 'detectionRisk' ? `${(x.costDelta![d] * 100).toFixed(0)}pp` : fmt(x.costDelta![d])}`,
    )
    .join(', ');
}

export function renderDiffMarkdown(d: EconomicsDiff): string {
  const out: string[] = [];
  out.push(`### nograd diff: ${d.costFell ? '⚠️ attacker cost fell' : 'no attacker got cheaper'}`);
  out.push('');
  out.push(
    `\`${mdEscape(d.before.file)}\` → \`${mdEscape(d.after.file)}\` · weights ${mdEscape(formatWeights(d.weights))}`,
  );
  out.push('');
  out.push('| attacker | cheapest before | cheapest after | change | cost vector change | path after |');
  out.push('|---|---:|---:|---|---|---|');
  for (const x of d.attackers) {
    const factor = x.factor !== null ? ` (×${fmt(x.factor)})` : '';
    const path = x.after ? (x.pathChanged ? `changed: ${mdEscape(x.after.key)}` : 'same') : '—';
    out.push(
      `| ${mdEscape(x.attacker)} | ${cost(x.before)} | ${cost(x.after)} | ${STATUS_MD[x.status]}${factor} | ${mdEscape(changes(x))} | ${path} |`,
    );
  }
  out.push('');
  const c = d.controls;
  const ctl = [
    ...c.added.map((x) => `added \`${mdEscape(x)}\``),
    ...c.removed.map((x) => `removed \`${mdEscape(x)}\``),
    ...c.statusChanged.map((x) => mdEscape(x)),
  ];
  out.push(`**Controls:** ${ctl.length > 0 ? ctl.join(', ') : 'no change'}`);
  out.push(`**Defender cost (today):** ${fmt(d.defender.before)} → ${fmt(d.defender.after)} USD-eq/month`);
  const sev = (r: Record<string, number>) =>
    Object.entries(r)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ') || 'none';
  out.push(`**Findings:** ${sev(d.findings.before)} → ${sev(d.findings.after)}`);
  if (d.findings.added.length > 0) out.push(`- new: ${d.findings.added.map((x) => `\`${mdEscape(x)}\``).join(', ')}`);
  if (d.findings.resolved.length > 0)
    out.push(`- resolved: ${d.findings.resolved.map((x) => `\`${mdEscape(x)}\``).join(', ')}`);
  return out.join('\n');
}

export function renderDiffText(d: EconomicsDiff): string {
  const out: string[] = [`${d.before.file} → ${d.after.file} (weights ${formatWeights(d.weights)})`];
  for (const x of d.attackers) {
    const factor = x.factor !== null ? ` ×${fmt(x.factor)}` : '';
    out.push(
      `  ${x.attacker}: ${cost(x.before)} → ${cost(x.after)}  ${x.status}${factor}${x.pathChanged && x.after ? `  path now ${x.after.key}` : ''}`,
    );
    const ch = changes(x);
    if (ch) out.push(`      ${ch}`);
  }
  const c = d.controls;
  out.push(
    `controls: +${c.added.length} −${c.removed.length} status changed ${c.statusChanged.length}${[...c.added.map((x) => ` +${x}`), ...c.removed.map((x) => ` −${x}`), ...c.statusChanged.map((x) => ` ${x}`)].join(',')}`,
  );
  out.push(`defender cost today: ${fmt(d.defender.before)} → ${fmt(d.defender.after)} USD-eq/month`);
  out.push(`findings: ${d.findings.added.length} new, ${d.findings.resolved.length} resolved`);
  out.push(d.costFell ? 'attacker cost fell' : 'no attacker got cheaper');
  return out.join('\n');
}
