/**
 * Self-check of the miner registry (MINERS): keys are names, every schema parses its own defaults, the CLI options
 * derived from the schemas are unique and carry the defaults, and docs/traces.md lists every miner with its options.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MINER_PARAMS, getMiner, MINER_NAMES, MINERS, type Miner, minerOptions } from './index.js';

const ALL: Miner[] = Object.values(MINERS);
const docs = readFileSync(new URL('../../../docs/traces.md', import.meta.url), 'utf8');

describe('MINERS registry', () => {
  it('keys equal the miners’ names, each described', () => {
    for (const [key, m] of Object.entries(MINERS)) {
      expect(m.name, key).toBe(key);
      expect(m.description.length, key).toBeGreaterThan(10);
    }
    expect(MINER_NAMES).toEqual(Object.keys(MINERS));
    expect(getMiner('uncertain')?.name).toBe('uncertain');
    expect(getMiner('constructor')).toBeUndefined();
  });

  it('parses each miner’s defaults with its own schema, and DEFAULT_MINER_PARAMS is their union', () => {
    const union: Record<string, unknown> = {};
    for (const m of ALL) {
      const parsed = m.params.safeParse({});
      expect(parsed.success, m.name).toBe(true);
      Object.assign(union, parsed.data);
    }
    expect(DEFAULT_MINER_PARAMS).toEqual(union);
  });

  it('gives no two miners the same parameter, and every parameter a description', () => {
    const options = minerOptions(ALL);
    const keys = options.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of options) {
      expect(o.description).toMatch(new RegExp(`^${o.miner}: \\S`));
      expect(o.description, o.key).not.toBe(`${o.miner}: ${o.key}`);
      if (o.default !== undefined) expect(o.schema.parse(o.default), o.key).toBe(o.default);
    }
  });

  it('derives the CLI options the docs show', () => {
    const table = docs.slice(docs.indexOf('| miner | finds | options |'));
    for (const m of ALL) {
      const row = table.split('\n').find((l) => l.startsWith(`| \`${m.name}\` |`));
      expect(row, `docs/traces.md has no row for ${m.name}`).toBeDefined();
      for (const o of minerOptions([m])) expect(row, o.flag).toContain(`\`${o.flag}`);
    }
  });

  it('refuses a value outside a schema’s range, in the miner’s words', () => {
    const band = minerOptions(ALL).find((o) => o.key === 'band');
    expect(band).toMatchObject({ flag: '--band', placeholder: '<x>', minimum: 0, maximum: 1, default: 0.05 });
    expect(band?.schema.safeParse(2).success).toBe(false);
    const until = minerOptions(ALL).find((o) => o.key === 'baselineUntil');
    expect(until).toMatchObject({ flag: '--baseline-until', placeholder: '<iso>', type: 'string' });
    expect(until?.schema.parse('2025-01-08')).toBe('2025-01-08T00:00:00.000Z');
    expect(until?.schema.safeParse('yesterday').error?.issues[0]?.message).toBe('must be an ISO-8601 time');
  });
});
