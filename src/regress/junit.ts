/**
 * A suite result as JUnit XML, the format CI systems display: one <testcase> per case, classname `nograd.<miner>`.
 * A regression is a <failure>, a target error an <error>, a known failure <skipped> (so it shows without failing
 * the build); a fixed known failure passes with a note.
 */
import { escXml } from '../report/escape.js';
import type { CaseResult, SuiteResult } from './run.js';

export function suiteResultToJUnit(result: SuiteResult): string {
  const name = result.suite.name ?? result.suite.file ?? 'nograd regression suite';
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const failures = result.counts.fail;
  const errors = result.counts.error;
  const skipped = result.counts['known-failure'];
  const tests = result.cases.length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nograd regress" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(result.durationMs)}">`,
    `  <testsuite name="${escXml(name)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(result.durationMs)}" timestamp="${escXml(result.startedAt)}">`,
    '    <properties>',
    `      <property name="target" value="${escXml(result.target.fingerprint)}"/>`,
    `      <property name="repeat" value="${result.repeat}"/>`,
    `      <property name="minPasses" value="${result.minPasses}"/>`,
    '    </properties>',
    ...result.cases.map((c) => testcase(c, seconds(c.durationMs))),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function testcase(c: CaseResult, time: string): string {
  const open = `    <testcase classname="nograd.${escXml(c.miner ?? 'manual')}" name="${escXml(c.id)}" time="${time}"`;
  const out = c.reason ? `      <system-out>${escXml(`mined because: ${c.reason}`)}</system-out>` : '';
  let body: string;
  switch (c.status) {
    case 'fail':
      body = `      <failure message="${escXml(c.message)}" type="regression">${escXml(attemptLines(c))}</failure>`;
      break;
    case 'error':
      body = `      <error message="${escXml(c.message)}" type="target-error">${escXml(attemptLines(c))}</error>`;
      break;
    case 'known-failure':
      body = `      <skipped message="${escXml(`known failure: ${c.knownFailure ?? ''} — ${c.message}`)}"/>`;
      break;
    case 'fixed':
      body = `      <system-err>${escXml(`fixed: this case is marked as a known failure but passes now (${c.message}); remove the mark`)}</system-err>`;
      break;
    default:
      body = '';
  }
  const inner = [body, out].filter(Boolean);
  return inner.length ? `${open}>\n${inner.join('\n')}\n    </testcase>` : `${open}/>`;
}

function attemptLines(c: CaseResult): string {
  return c.attempts
    .map(
      (a, i) =>
        `run ${i + 1}: ${a.error ? `error: ${a.error}` : `${a.decision}${a.score !== undefined ? ` score=${a.score}` : ''} ${a.ok ? 'ok' : a.problems.join('; ')}`}`,
    )
    .join('\n');
}
