/**
 * JUnit XML: the one writer (`writeJUnit`: suites of test cases with classname, name, time, failure, error,
 * skipped, output) and what is turned into it: `findingsToJUnit` (the analysis gate: one test case per rule ×
 * component, failing when an open finding is at or above `failOn`), `suiteResultToJUnit` (a regression run:
 * what `nograd regress run --junit` writes) and `suitesToJUnit` (the report's regression sections).
 * Every text and attribute goes through `escXml` (which also drops characters XML 1.0 cannot carry).
 */
import type { Finding, AnalysisDocumentValue as ReportAnalysis } from '../analysis/result.js';
import { BUILTIN_RULES } from '../analysis/rules/index.js';
import { SEVERITIES, type Severity } from '../model/vocabulary.js';
import type { CaseResult, SuiteResult } from '../regress/run.js';
import { escXml } from '../util/escape.js';
import { type ReportInput, readViews, type SuiteView } from './inputs.js';

export interface JUnitCase {
  name: string;
  classname: string;
  /** Seconds. */
  time?: number;
  failure?: { message: string; type?: string; body?: string };
  error?: { message: string; type?: string; body?: string };
  skipped?: { message?: string };
  systemOut?: string;
  systemErr?: string;
  properties?: Record<string, string>;
}

export interface JUnitSuite {
  name: string;
  /** Seconds; default: the sum of the cases' times. */
  time?: number;
  timestamp?: string;
  hostname?: string;
  properties?: Record<string, string>;
  cases: JUnitCase[];
}

export interface JUnitReport {
  name: string;
  suites: JUnitSuite[];
}

const secs = (t: number | undefined) => (t === undefined || !Number.isFinite(t) ? 0 : Math.max(0, t)).toFixed(3);

function props(p: Record<string, string> | undefined, indent: string): string {
  if (!p || Object.keys(p).length === 0) return '';
  return `${indent}<properties>\n${Object.entries(p)
    .map(([k, v]) => `${indent}  <property name="${escXml(k)}" value="${escXml(v)}"/>`)
    .join('\n')}\n${indent}</properties>\n`;
}

function caseXml(c: JUnitCase): string {
  const open = `    <testcase classname="${escXml(c.classname)}" name="${escXml(c.name)}" time="${secs(c.time)}"`;
  const inner: string[] = [];
  if (c.properties && Object.keys(c.properties).length) inner.push(props(c.properties, '      ').trimEnd());
  if (c.failure) {
    inner.push(
      `      <failure message="${escXml(c.failure.message)}" type="${escXml(c.failure.type ?? 'failure')}">${escXml(c.failure.body ?? c.failure.message)}</failure>`,
    );
  }
  if (c.error) {
    inner.push(
      `      <error message="${escXml(c.error.message)}" type="${escXml(c.error.type ?? 'error')}">${escXml(c.error.body ?? c.error.message)}</error>`,
    );
  }
  if (c.skipped) inner.push(`      <skipped${c.skipped.message ? ` message="${escXml(c.skipped.message)}"` : ''}/>`);
  if (c.systemErr) inner.push(`      <system-err>${escXml(c.systemErr)}</system-err>`);
  if (c.systemOut) inner.push(`      <system-out>${escXml(c.systemOut)}</system-out>`);
  return inner.length ? `${open}>\n${inner.join('\n')}\n    </testcase>` : `${open}/>`;
}

/** Write JUnit XML (the common Ant/Jenkins/GitLab/GitHub dialect): the one JUnit writer. */
export function writeJUnit(report: JUnitReport): string {
  const count = (s: JUnitSuite, k: 'failure' | 'error' | 'skipped') => s.cases.filter((c) => c[k]).length;
  const total = (k: 'failure' | 'error' | 'skipped') => report.suites.reduce((n, s) => n + count(s, k), 0);
  const tests = report.suites.reduce((n, s) => n + s.cases.length, 0);
  const suiteTime = (s: JUnitSuite) => s.time ?? s.cases.reduce((m, c) => m + (c.time ?? 0), 0);
  const time = report.suites.reduce((n, s) => n + suiteTime(s), 0);
  const suites = report.suites.map((s) => {
    const t = suiteTime(s);
    return `  <testsuite name="${escXml(s.name)}" tests="${s.cases.length}" failures="${count(s, 'failure')}" errors="${count(s, 'error')}" skipped="${count(s, 'skipped')}" time="${secs(t)}"${s.timestamp ? ` timestamp="${escXml(s.timestamp)}"` : ''}${s.hostname ? ` hostname="${escXml(s.hostname)}"` : ''}>\n${props(s.properties, '    ')}${s.cases.map(caseXml).join('\n')}${s.cases.length ? '\n' : ''}  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escXml(report.name)}" tests="${tests}" failures="${total('failure')}" errors="${total('error')}" skipped="${total('skipped')}" time="${secs(time)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

export interface FindingsJUnitOptions {
  /** Also emit a passing case per rule that produced no finding (default: the built-in rule ids). */
  rules?: readonly string[];
}

/**
 * One test case per rule × component (system-level findings use "(system)"). A case fails when one of its open
 * findings is at or above `failOn`; it is skipped when all its findings are suppressed by triage; otherwise it
 * passes with the findings in system-out. Rules with no finding appear as one passing case each.
 */
export function findingsToJUnit(
  a: ReportAnalysis,
  failOn: Severity = 'high',
  opts: FindingsJUnitOptions = {},
): JUnitReport {
  const min = SEVERITIES.indexOf(failOn);
  const groups = new Map<string, Finding[]>();
  for (const f of a.findings) {
    const key = `${f.rule}\u0000${f.component ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const sys = a.model.system.id;
  const cases: JUnitCase[] = [];
  for (const [key, fs] of [...groups.entries()].sort((x, y) => x[0].localeCompare(y[0]))) {
    const [rule = '', component = ''] = key.split('\u0000');
    const open = fs.filter((f) => !f.suppressed);
    const gating = open.filter((f) => SEVERITIES.indexOf(f.severity) >= min);
    const describe = (f: Finding) =>
      `[${f.severity}] ${f.id}: ${f.message}\n  at ${f.location.file}:${f.location.line}:${f.location.col}${f.remediation.length ? `\n  remediation: ${f.remediation.map((r) => r.name).join(', ')}` : ''}${f.triage ? `\n  triage: ${f.triage.status}${f.triage.justification ? ` (${f.triage.justification})` : ''}` : ''}`;
    const c: JUnitCase = {
      name: component || '(system)',
      classname: `nograd.${sys}.${rule}`,
      time: 0,
      properties: { rule, ...(component ? { component } : {}) },
    };
    if (gating.length) {
      const worst = gating.reduce(
        (w, f) => (SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf(w) ? f.severity : w),
        failOn,
      );
      c.failure = {
        message: `${gating.length} ${worst}${gating.length > 1 ? '+' : ''} finding${gating.length === 1 ? '' : 's'}: ${gating[0]?.title ?? rule}`,
        type: worst,
        body: gating.map(describe).join('\n\n'),
      };
    } else if (open.length === 0) {
      c.skipped = {
        message: `suppressed by triage: ${fs.map((f) => `${f.triage?.status ?? 'suppressed'}${f.triage?.justification ? ` (${f.triage.justification})` : ''}`).join('; ')}`,
      };
    }
    if (!c.failure) c.systemOut = fs.map(describe).join('\n\n');
    cases.push(c);
  }
  const fired = new Set(a.findings.map((f) => f.rule));
  for (const rule of [...(opts.rules ?? BUILTIN_RULES.map((r) => r.id))].sort()) {
    if (!fired.has(rule)) cases.push({ name: '(all components)', classname: `nograd.${sys}.${rule}`, time: 0 });
  }
  return {
    name: `nograd ${sys}`,
    suites: [
      {
        name: `nograd analyze ${sys}`,
        properties: { failOn, system: sys, tool: `${a.tool.name} ${a.tool.version}` },
        cases,
      },
    ],
  };
}

/** Regression suites (as the report reads them) to JUnit. */
export function suitesToJUnit(suites: SuiteView[], name = 'nograd regression'): JUnitReport {
  return {
    name,
    suites: suites.map((s) => ({
      name: s.name,
      cases: s.cases.map((c) => ({
        name: c.name,
        classname: c.classname ?? s.name,
        ...(c.timeMs !== undefined ? { time: c.timeMs / 1000 } : {}),
        ...(c.status === 'failed' ? { failure: { message: c.message ?? 'failed' } } : {}),
        ...(c.status === 'skipped' ? { skipped: c.message ? { message: c.message } : {} } : {}),
      })),
    })),
  };
}

/**
 * A regression run: one <testcase> per case, classname `nograd.<miner>`. A regression is a <failure>, a target
 * error an <error>, a known failure <skipped> (so it shows without failing the build); a fixed known failure passes
 * with a note.
 */
export function suiteResultToJUnit(result: SuiteResult): string {
  return writeJUnit({
    name: 'nograd regress',
    suites: [
      {
        name: result.suite.name ?? result.suite.file ?? 'nograd regression suite',
        time: result.durationMs / 1000,
        timestamp: result.startedAt,
        properties: {
          target: result.target.fingerprint,
          repeat: String(result.repeat),
          minPasses: String(result.minPasses),
        },
        cases: result.cases.map(regressionCase),
      },
    ],
  });
}

function regressionCase(c: CaseResult): JUnitCase {
  const out: JUnitCase = { name: c.id, classname: `nograd.${c.miner ?? 'manual'}`, time: c.durationMs / 1000 };
  switch (c.status) {
    case 'fail':
      out.failure = { message: c.message, type: 'regression', body: attemptLines(c) };
      break;
    case 'error':
      out.error = { message: c.message, type: 'target-error', body: attemptLines(c) };
      break;
    case 'known-failure':
      out.skipped = { message: `known failure: ${c.knownFailure ?? ''} — ${c.message}` };
      break;
    case 'fixed':
      out.systemErr = `fixed: this case is marked as a known failure but passes now (${c.message}); remove the mark`;
      break;
  }
  if (c.reason) out.systemOut = `mined because: ${c.reason}`;
  return out;
}

function attemptLines(c: CaseResult): string {
  return c.attempts
    .map(
      (a, i) =>
        `run ${i + 1}: ${a.error ? `error: ${a.error}` : `${a.decision}${a.score !== undefined ? ` score=${a.score}` : ''} ${a.ok ? 'ok' : a.problems.join('; ')}`}`,
    )
    .join('\n');
}

/**
 * The whole JUnit document for an analysis (one case per rule × component) plus the regression suites of a report
 * input, when given: what `nograd report --format junit` writes.
 */
export function renderJunit(input: ReportInput | ReportAnalysis, failOn: Severity = 'high'): string {
  const inp: ReportInput = 'analysis' in input ? input : { analysis: input };
  const report = findingsToJUnit(inp.analysis, failOn);
  const suites = readViews(inp).suites;
  if (suites.length) report.suites.push(...suitesToJUnit(suites).suites);
  return writeJUnit(report);
}
