import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../util/errors.js';
import { type Diagnostic, ModelLoadError } from './diagnostics.js';
import { loadModel } from './loader.js';

const MAIN = resolve('/virtual/system.yaml');

const HEAD = `nograd: 1
system:
  id: s
  name: S
`;

function problems(text: string, extra: Record<string, string> = {}): Diagnostic[] {
  try {
    loadModel(MAIN, { overrides: { [MAIN]: text, ...extra } });
  } catch (e) {
    if (e instanceof ModelLoadError) return e.diagnostics.filter((d) => d.severity === 'error');
    throw e;
  }
  return [];
}

function one(text: string, extra: Record<string, string> = {}): Diagnostic {
  const ds = problems(text, extra);
  expect(ds, JSON.stringify(ds, null, 1)).toHaveLength(1);
  return ds[0]!;
}

const COMPONENTS = `components:
  - { id: src, kind: input-source, layer: application }
  - { id: clf, kind: model, layer: application }
  - { id: pol, kind: policy, layer: application }
`;

describe('loadModel', () => {
  it('warns about near misses of the properties nograd reads, and known properties of the wrong type', () => {
    const m = loadModel(MAIN, {
      overrides: {
        [MAIN]: `${HEAD}components:
  - { id: src, kind: input-source, layer: application }
  - id: pol
    kind: policy
    layer: application
    properties: { threshold: "0.5", reviewBand: 0.2, owner: mail-team }
`,
      },
    });
    const warnings = m.warnings.filter((d) => d.code === 'property');
    expect(warnings.map((d) => `${d.line}: ${d.message} | ${d.hint ?? ''}`)).toEqual([
      expect.stringMatching(/^10: property 'threshold' should be a number .*not "0\.5"/),
      expect.stringMatching(
        /^10: unknown property 'reviewBand': nograd reads 'reviewBandShare' .*\| did you mean 'reviewBandShare'\?/,
      ),
    ]);
  });

  it('loads a valid model with defaults and positions', () => {
    const m = loadModel(MAIN, {
      overrides: { [MAIN]: `${HEAD}${COMPONENTS}flows:\n  - { from: src, to: clf }\n` },
    });
    expect(m.model.components.map((c) => c.id)).toEqual(['src', 'clf', 'pol']);
    expect(m.model.flows[0]!.kind).toBe('live');
    expect(m.positionOf(['components', 1])).toMatchObject({ file: MAIN, line: 7 });
    expect(m.positionOf(['flows', 0, 'to'])).toMatchObject({ line: 10 });
  });

  it('reports YAML syntax errors with a position', () => {
    const d = one(`${HEAD}components:\n  - id: [oops\n`);
    expect(d.code).toBe('yaml');
    expect(d.line).toBeGreaterThanOrEqual(6);
    expect(d.message).toMatch(/YAML syntax/);
  });

  it('reports duplicate YAML keys', () => {
    const d = one(`${HEAD}system:\n  id: t\n  name: T\n`);
    expect(d.code).toBe('yaml');
    expect(d.message).toMatch(/unique/i);
    expect(d.hint).toMatch(/merge/);
  });

  it('reports unknown fields with a did-you-mean at the key itself', () => {
    const d = one(`${HEAD}components:\n  - id: a\n    kind: model\n    layr: application\n`);
    expect(d).toMatchObject({ code: 'unknown-field', line: 8, col: 5 });
    expect(d.message).toMatch(/unknown field 'layr'/);
    expect(d.hint).toBe("did you mean 'layer'?");
  });

  it('lists known fields when no close match exists', () => {
    const d = one(`${HEAD}components:\n  - id: a\n    kind: model\n    zzzzzzzz: 1\n`);
    expect(d.hint).toMatch(/known fields: id, name, kind/);
  });

  it('reports wrong enum values with a suggestion', () => {
    const d = one(`${HEAD}components:\n  - id: a\n    kind: modle\n`);
    expect(d).toMatchObject({ code: 'type', line: 7, col: 11 });
    expect(d.hint).toBe("did you mean 'model'?");
  });

  it('reports wrong types', () => {
    const d = one(
      `${HEAD}controls:\n  - { id: c, on: [a], effectiveness: high }\ncomponents:\n  - { id: a, kind: model }\n`,
    );
    expect(d.code).toBe('type');
    expect(d.message).toMatch(/expected number/);
    expect(d.line).toBe(6);
  });

  it('reports missing required fields', () => {
    const d = one(`${HEAD}components:\n  - id: a\n`);
    expect(d.code).toBe('missing-field');
    expect(d.message).toMatch(/missing required field 'kind'/);
  });

  it('reports a missing system section', () => {
    const ds = problems('nograd: 1\ncomponents: []\n');
    expect(ds.some((d) => d.message.includes("missing required field 'system'"))).toBe(true);
  });

  it('reports a file that is not a mapping', () => {
    const d = one('- just\n- a list\n');
    expect(d.message).toMatch(/a model file is a mapping/);
  });

  it('reports an id that breaks the id pattern', () => {
    const d = one(`${HEAD}components:\n  - { id: Bad Id, kind: model }\n`);
    expect(d.message).toMatch(/ids are lower-case/);
  });

  it('reports duplicate ids and points at the first definition', () => {
    const d = one(`${HEAD}components:\n  - { id: a, kind: model }\n  - { id: a, kind: policy }\n`);
    expect(d).toMatchObject({ code: 'duplicate-id', line: 7 });
    expect(d.hint).toMatch(/first defined at .*:6:/);
  });

  it('reports references to missing components with a suggestion', () => {
    const d = one(`${HEAD}${COMPONENTS}flows:\n  - { from: src, to: clff }\n`);
    expect(d).toMatchObject({ code: 'unknown-reference', line: 10 });
    expect(d.hint).toBe("did you mean 'clf'?");
  });

  it('reports unknown controls attached to a component', () => {
    const d = one(`${HEAD}components:\n  - { id: a, kind: model, controls: [nope] }\n`);
    expect(d.message).toMatch(/control 'nope' is not defined/);
  });

  it('reports a training flow into an input source', () => {
    const d = one(`${HEAD}${COMPONENTS}flows:\n  - { from: clf, to: src, kind: training }\n`);
    expect(d.code).toBe('flow');
    expect(d.message).toMatch(/training flow cannot feed the input source/);
  });

  it('reports a training flow into a policy', () => {
    const d = one(`${HEAD}${COMPONENTS}flows:\n  - { from: clf, to: pol, kind: training }\n`);
    expect(d.message).toMatch(/makes no sense/);
  });

  it('reports a flow to itself', () => {
    const d = one(`${HEAD}${COMPONENTS}flows:\n  - { from: clf, to: clf }\n`);
    expect(d.message).toMatch(/to itself/);
  });

  it('reports box-colour wording when access is not spelled out', () => {
    const d = one(
      `${HEAD}${COMPONENTS}attackers:\n  - id: x\n    goal: evade\n    target: pol\n    description: A black-box attacker.\n`,
    );
    expect(d.code).toBe('vague-access');
    expect(d.hint).toMatch(/knowledge \(perfect\|limited\|zero\)/);
  });

  it('accepts box-colour wording when access is spelled out', () => {
    const ds = problems(
      `${HEAD}${COMPONENTS}attackers:\n  - id: x\n    goal: evade\n    target: pol\n    description: Called grey-box elsewhere.\n    access:\n      - { component: clf, knowledge: zero, read: [decision], write: [live-input] }\n`,
    );
    expect(ds).toEqual([]);
  });

  it("reports 'none' mixed with other access", () => {
    const d = one(
      `${HEAD}${COMPONENTS}attackers:\n  - id: x\n    goal: evade\n    target: pol\n    access:\n      - { component: clf, knowledge: zero, read: [none, score], write: [none] }\n`,
    );
    expect(d.message).toMatch(/lists 'none' together/);
  });

  it('reports all problems at once, across list items', () => {
    const ds = problems(
      `${HEAD}components:\n  - { id: a, kind: modle }\n  - { id: b, kind: model, layr: x }\nflows:\n  - { from: a, to: zz }\n`,
    );
    expect(ds.map((d) => d.code).sort()).toEqual(['type', 'unknown-field', 'unknown-reference']);
  });

  it('follows includes and points errors at the included file', () => {
    const INC = resolve('/virtual/attackers.yaml');
    const ds = problems(`${HEAD}includes: [attackers.yaml]\n${COMPONENTS}`, {
      [INC]: 'attackers:\n  - { id: x, goal: evade, target: nowhere }\n',
    });
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ file: INC, line: 2, code: 'unknown-reference' });
  });

  it('merges included lists and reports duplicate ids across files', () => {
    const INC = resolve('/virtual/more.yaml');
    const d = one(`${HEAD}includes: [more.yaml]\n${COMPONENTS}`, {
      [INC]: 'components:\n  - { id: clf, kind: model }\n',
    });
    expect(d).toMatchObject({ file: INC, code: 'duplicate-id' });
  });

  it('reports missing and cyclic includes', () => {
    const A = resolve('/virtual/a.yaml');
    expect(one(`${HEAD}includes: [missing.yaml]\n`).message).toMatch(/does not exist/);
    expect(one(`${HEAD}includes: [a.yaml]\n`, { [A]: 'includes: [system.yaml]\n' }).message).toMatch(/include cycle/);
  });

  it('rejects a main-file section inside an included file', () => {
    const INC = resolve('/virtual/inc.yaml');
    const d = one(`${HEAD}includes: [inc.yaml]\n`, { [INC]: 'system: { id: x, name: X }\n' });
    expect(d).toMatchObject({ file: INC, code: 'unknown-field' });
  });

  it('says clearly when the file does not exist', () => {
    expect(() => loadModel('/definitely/not/here.yaml')).toThrow(UserError);
    expect(() => loadModel('/definitely/not/here.yaml')).toThrow(/no such file/);
  });

  it('never crashes on random text and always answers with a position (property)', () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.stringMatching(/^[a-z:\-\s[\]{}#'"0-9|>&*!%@`,.]{0,200}$/),
      fc
        .constantFrom(HEAD, `${HEAD}components:\n`, `${HEAD}${COMPONENTS}`)
        .chain((prefix) => fc.string().map((tail) => prefix + tail)),
    );
    fc.assert(
      fc.property(yamlish, (text) => {
        try {
          loadModel(MAIN, { overrides: { [MAIN]: text } });
        } catch (e) {
          if (!(e instanceof ModelLoadError)) throw e;
          expect(e.diagnostics.length).toBeGreaterThan(0);
          for (const d of e.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.col).toBeGreaterThanOrEqual(1);
            expect(d.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
