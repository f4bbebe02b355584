import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTriageFile } from '../analysis/triage.js';
import { writeTriage } from './triage-writer.js';

describe('writeTriage', () => {
  it('creates the side file, replaces the entry for the same finding and keeps comments and other entries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nograd-tw-'));
    const file = join(dir, 'system.triage.yaml');
    writeFileSync(file, '# keep me\nnograd-triage: 1\ntriage:\n  - finding: "other@*"\n    status: mitigated\n');
    writeTriage(
      file,
      { finding: 'r@c', status: 'accepted', justification: 'why', expires: '2099-01-01' },
      '2026-01-02',
    );
    writeTriage(file, { finding: 'r@c', status: 'false-positive' }, '2026-01-03');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# keep me');
    const entries = loadTriageFile(file).map((e) => e.entry);
    expect(entries).toEqual([
      { finding: 'other@*', status: 'mitigated' },
      { finding: 'r@c', status: 'false-positive', date: '2026-01-03' },
    ]);
  });

  it('refuses an acceptance without justification, a wildcard and a bad date, leaving the file alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nograd-tw-'));
    const file = join(dir, 'm.triage.yaml');
    expect(() => writeTriage(file, { finding: 'r@c', status: 'accepted' }, '2026-01-01')).toThrow(/justification/);
    expect(() => writeTriage(file, { finding: 'r@*', status: 'mitigated' }, '2026-01-01')).toThrow(/wildcard/);
    expect(() => writeTriage(file, { finding: 'r@c', status: 'mitigated', expires: 'tomorrow' }, '2026-01-01')).toThrow(
      /invalid triage entry/,
    );
    expect(() => readFileSync(file)).toThrow();
  });
});
