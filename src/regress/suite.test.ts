import { describe, expect, it } from 'vitest';
import { ConfigError } from '../model/config-file.js';
import { formatSuite, parseSuite, type Suite } from './suite.js';

const SUITE: Suite = {
  kind: 'nograd-suite',
  version: 1,
  name: 'demo',
  cases: [
    {
      id: 'c1',
      input: 'Subject: hi\n\nline two\n',
      context: { accountId: 'a1' },
      expect: { decision: 'allow' },
      provenance: { miner: 'uncertain', traceIds: ['t1'], times: ['2025-01-06T00:00:00.000Z'], reason: 'close call' },
    },
    { id: 'c2', inputRef: 'samples/c2.eml', expect: { decision: 'notAllow' }, knownFailure: 'still gets through' },
  ],
};

describe('suite format', () => {
  it('round-trips through YAML and JSONL unchanged', () => {
    for (const format of ['yaml', 'jsonl'] as const) {
      const loaded = parseSuite(`s.${format}`, formatSuite(SUITE, format));
      expect(loaded.suite).toEqual(SUITE);
      expect(loaded.format).toBe(format);
    }
  });

  it('writes multi-line inputs as YAML block literals', () => {
    expect(formatSuite(SUITE, 'yaml')).toContain('input: |\n      Subject: hi\n\n      line two\n');
  });

  it('reports every problem with file and line', () => {
    const yaml = `nograd-suite: 1
cases:
  - id: a
    input: x
    expect: { decision: allw }
  - id: b
    expect: { decision: block }
  - id: a
    input: y
    expect: { decision: block }
    extra: 1
`;
    let err: ConfigError | undefined;
    try {
      parseSuite('bad.yaml', yaml);
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const text = err?.message ?? '';
    expect(text).toMatch(/bad\.yaml:5:\d+.*'allw' is not allowed for 'decision'/);
    expect(text).toMatch(/bad\.yaml:6:\d+.*exactly one of `input`/);
    expect(text).toMatch(/bad\.yaml:11:\d+.*unknown field 'extra'/);
  });

  it('reports JSONL problems by line, and duplicate ids', () => {
    const header = JSON.stringify({ 'nograd-suite': 1 });
    const ok = JSON.stringify({ id: 'a', input: 'x', expect: { decision: 'allow' } });
    expect(() =>
      parseSuite('s.jsonl', `${header}\n${ok}\n{nope\n${JSON.stringify({ id: 'b', input: 'x', expect: {} })}\n`),
    ).toThrow(/s\.jsonl:3:1.*not valid JSON[\s\S]*s\.jsonl:4:1.*an expectation needs a decision/);
    expect(() => parseSuite('s.jsonl', `${header}\n${ok}\n${ok}\n`)).toThrow(
      /s\.jsonl:3:1.*duplicate case id 'a' \(first on line 2\)/,
    );
    expect(() => parseSuite('s.jsonl', '')).toThrow(/empty suite/);
  });
});
