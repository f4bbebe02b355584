/** `nograd explain`: one finding, with the facts that made the rule fire and the reason for its severity. */
import { formatPosition } from '../model/diagnostics.js';
import type { TextStyle } from '../util/text-style.js';
import type { AnalysisResult, Finding } from './result.js';
import { BUILTIN_RULES } from './rules/index.js';

export function explainFinding(f: Finding, result: AnalysisResult, st: TextStyle, cwd = process.cwd()): string {
  const rule = BUILTIN_RULES.find((r) => r.id === f.rule);
  const lines = [
    `${st.bold(f.id)}  ${st.dim(formatPosition(f.location, cwd))}`,
    `${f.title} — ${f.severity.toUpperCase()}${f.source === 'custom' ? ' (custom rule)' : ''}`,
    '',
    f.message,
    '',
    st.bold('Why the rule fired'),
    `  ${rule?.description ?? f.title}`,
    ...(f.evidence.length
      ? f.evidence.map((e) => `  • ${e.fact}${e.location ? st.dim(`  (${formatPosition(e.location, cwd)})`) : ''}`)
      : ['  • (the condition above holds for this model)']),
    '',
    st.bold('Why this severity'),
    `  ${f.severity}: ${f.severityReason}`,
  ];
  if (f.remediation.length)
    lines.push('', st.bold('How to fix'), ...f.remediation.map((r) => `  • ${r.name} (catalog: ${r.control})`));
  const fw = [...f.frameworks.atlas, ...f.frameworks.aidefend];
  if (fw.length) lines.push('', st.bold('Frameworks'), `  ${fw.join(', ')}`);
  if (f.triage) {
    lines.push(
      '',
      st.bold('Triage'),
      `  ${f.triage.status}${f.triage.expired ? ' — EXPIRED, the finding is open again' : ''}${f.suppressed ? ' (suppressed: out of the gate, still reported)' : ''}`,
      ...(f.triage.justification ? [`  justification: ${f.triage.justification}`] : []),
      ...(f.triage.ticket ? [`  ticket: ${f.triage.ticket}`] : []),
      ...(f.triage.owner ? [`  owner: ${f.triage.owner}`] : []),
      ...(f.triage.expires ? [`  expires: ${f.triage.expires}`] : []),
      ...(f.triage.location
        ? [`  entry: ${formatPosition(f.triage.location, cwd)} (pattern '${f.triage.pattern}')`]
        : []),
    );
  }
  if (result.posture.planned.resolved.includes(f.id))
    lines.push(
      '',
      st.green(`Planned controls resolve this finding (${result.posture.planned.plannedControls.join(', ')}).`),
    );
  return lines.join('\n');
}
