import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineDocument, fromKeyHeader, fromSchemaVersion } from './document.js';
import { UserError } from './errors.js';

const Thing = defineDocument('nograd-thing', 2, z.strictObject({ name: z.string() }), {
  what: 'thing',
  remedy: 'make one with `nograd thing`',
  legacy: fromSchemaVersion('nograd-thing'),
});

function file(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nograd-doc-'));
  const path = join(dir, 'doc.json');
  writeFileSync(path, content);
  return path;
}

describe('defineDocument', () => {
  it('puts the envelope first and parses a valid document', () => {
    const doc = { ...Thing.envelope(), name: 'a' };
    expect(Object.keys(doc)).toEqual(['kind', 'version', 'name']);
    expect(Thing.parse(doc)).toEqual(doc);
    expect(Thing.read(file(JSON.stringify(doc)))).toEqual(doc);
  });

  it('migrates the older { schemaVersion } envelope on read', () => {
    expect(Thing.parse({ schemaVersion: 2, name: 'a' })).toEqual({ kind: 'nograd-thing', version: 2, name: 'a' });
    expect(Thing.hasKind({ schemaVersion: 2, name: 'a' })).toBe(true);
    expect(Thing.hasKind({ kind: 'nograd-other', version: 2 })).toBe(false);
  });

  it('migrates a key-style header', () => {
    expect(fromKeyHeader('nograd-x')({ 'nograd-x': 1, a: 1 })).toEqual({ kind: 'nograd-x', version: 1, a: 1 });
    expect(fromKeyHeader('nograd-x')({ a: 1 })).toBeUndefined();
  });

  it.each([
    ['no file', undefined, /cannot read thing file '.*': no such file/],
    ['broken JSON', '{oops', /thing file '.*' is not valid JSON/],
    ['no envelope', '{"name": "a"}', /is not a nograd thing \(no "kind": "nograd-thing" envelope\); make one/],
    ['another kind', '{"kind": "nograd-other", "version": 2}', /is not a nograd thing: it is a nograd-other document/],
    ['another version', '{"kind": "nograd-thing", "version": 1, "name": "a"}', /version 1, expected version 2/],
    ['a broken shape', '{"kind": "nograd-thing", "version": 2, "name": 3}', /is not a nograd thing: damaged at name:/],
    ['an unknown key', '{"kind": "nograd-thing", "version": 2, "name": "a", "x": 1}', /damaged at \(top level\)/],
  ])('gives a clear exit-2 error for %s', (_what, content, message) => {
    const path = content === undefined ? join(tmpdir(), 'nograd-no-such-doc.json') : file(content);
    let err: unknown;
    try {
      Thing.read(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as UserError).message).toMatch(message);
    expect((err as UserError).message).toContain(path);
  });

  it('keeps the input as written when asked (loose documents round-trip unchanged)', () => {
    const Loose = defineDocument('nograd-loose', 1, z.looseObject({ a: z.number() }), {
      what: 'loose',
      keepInput: true,
    });
    const doc = { kind: 'nograd-loose', version: 1, z: 1, a: 2 };
    const parsed = Loose.parse(doc);
    expect(parsed).toBe(doc);
    expect(Object.keys(parsed)).toEqual(['kind', 'version', 'z', 'a']);
  });
});
