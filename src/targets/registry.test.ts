import { describe, expect, it } from 'vitest';
import { parseTargetSpec, TARGET_SPEC_HELP } from './from-spec.js';
import { exposesOf, TARGET_KIND_NAMES, TARGET_KINDS, TargetSpecSchema } from './registry.js';

describe('target kinds registry', () => {
  it('keys equal each definition kind, and every kind has a summary', () => {
    for (const [key, def] of Object.entries(TARGET_KINDS)) {
      expect(def.kind).toBe(key);
      expect(def.summary.length).toBeGreaterThan(10);
    }
  });

  it('every shorthand form a kind lists parses to that kind (and the help names it)', () => {
    for (const name of TARGET_KIND_NAMES) {
      for (const form of TARGET_KINDS[name].shorthand?.forms ?? []) {
        expect(TARGET_SPEC_HELP).toContain(form);
        const example = form
          .replace('<http(s) url>', 'http://127.0.0.1:1/score')
          .replace('<url>', 'http://127.0.0.1:1/score')
          .replace('<program>', './filter')
          .replace('<file.js>[#export]', './f.js#score');
        const parsed = parseTargetSpec(example);
        expect(parsed.kind, form).toBe(name);
        if (parsed.kind !== 'file') expect(exposesOf(parsed.spec).length).toBeGreaterThan(0);
      }
    }
  });

  it('a target block names exactly one kind', () => {
    expect(TargetSpecSchema.safeParse({}).success).toBe(false);
    expect(TargetSpecSchema.safeParse({ reference: {}, module: { path: 'f.js' } }).success).toBe(false);
    expect(TargetSpecSchema.safeParse({ reference: {} }).success).toBe(true);
  });
});
