/**
 * A suite result as terminal text: one line per case that needs attention (or every case with `verbose`), then
 * the counts and the verdict. Pure: the CLI prints it.
 */
import type { CaseStatus, SuiteResult } from '../../regress/run.js';

export interface ResultStyle {
  bold(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
}

const PLAIN: ResultStyle = { bold: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s };

const LABEL: Record<CaseStatus, string> = {
  pass: 'PASS ',
  fail: 'FAIL ',
  error: 'ERROR',
  'known-failure': 'KNOWN',
  fixed: 'FIXED',
};

export function formatSuiteResult(r: SuiteResult, opts: { verbose?: boolean; style?: ResultStyle } = {}): string {
  const s = opts.style ?? PLAIN;
  const paint = (status: CaseStatus, text: string) =>
    status === 'pass' ? s.green(text) : status === 'fail' || status === 'error' ? s.red(text) : s.yellow(text);
  const lines: string[] = [];
  for (const c of r.cases) {
    if (c.status === 'pass' && !opts.verbose) continue;
    lines.push(`${paint(c.status, LABEL[c.status])} ${c.id}  ${c.message}`);
    if (c.status === 'known-failure' && c.knownFailure) lines.push(s.dim(`      known: ${c.knownFailure}`));
    if (c.status === 'fixed')
      lines.push(s.dim('      marked as a known failure but passes now: remove the mark (nograd regress baseline)'));
    if ((c.status === 'fail' || c.status === 'error') && c.reason)
      lines.push(s.dim(`      mined by ${c.miner}: ${c.reason}`));
  }
  if (r.versions && (r.versions.logged.length > 1 || r.versions.retrainDifferences > 0)) {
    const v = r.versions;
    lines.push(
      `models in the logs (retrain boundaries): ${v.logged
        .map(
          (m) =>
            `${m.version}${m.from ? ` ${m.from.slice(0, 16)} → ${(m.to ?? '').slice(0, 16)}` : ''} (${v.casesByVersion[m.version] ?? 0} cases)`,
        )
        .join(' · ')}`,
    );
    lines.push(
      `  target runs ${v.target.join(', ') || 'an unreported version'}; ${v.retrainDifferences} cases mined under another logged model differ by the retrain (reported as known, not as failed or fixed)`,
    );
  }
  const k = r.counts;
  const name = r.suite.name ?? r.suite.file ?? 'suite';
  lines.push(
    `${s.bold(name)} on ${r.target.fingerprint}: ${r.cases.length} cases · ${s.green(`${k.pass} passed`)} · ` +
      `${k.fail ? s.red(`${k.fail} failed`) : '0 failed'} · ${k.error ? s.red(`${k.error} errors`) : '0 errors'} · ` +
      `${k['known-failure']} known failures · ${k.fixed} fixed` +
      (r.repeat > 1 ? ` (each run ${r.repeat}×, ${r.minPasses} must pass)` : ''),
  );
  lines.push(
    r.passed ? s.green('PASSED: no regressions') : s.red(`FAILED: ${k.fail} regressions, ${k.error} unanswered cases`),
  );
  return lines.join('\n');
}
