import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { generateModelYaml } from './bench.js';
import { YamlSource } from './yaml-source.js';

const FILES = [
  'examples/mail-filter/system.yaml',
  'examples/mail-filter/attackers.yaml',
  'examples/mail-filter/rules.yaml',
  'examples/phishing-pages/system.yaml',
  'examples/abuse-funnel/system.yaml',
];

/** The reference: the `yaml` package's data and node positions, which the slow path uses. */
function reference(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return {
    data: doc.toJS(),
    position(path: PropertyKey[]) {
      const node = doc.getIn(path as unknown[], true);
      if (!isNode(node) || !node.range) return undefined;
      return lines.linePos(node.range[0]);
    },
  };
}

describe('YamlSource fast path', () => {
  const cases: Array<[string, string]> = [
    ...FILES.map((f): [string, string] => [f, readFileSync(f, 'utf8')]),
    ['generated 200-component model', generateModelYaml(200, 5)],
  ];
  for (const [name, text] of cases) {
    it(`gives the same data and element positions as the yaml package: ${name}`, () => {
      const fast = new YamlSource(name, text);
      const ref = reference(text);
      expect(fast.yamlDiagnostics).toEqual([]);
      expect(fast.toJS()).toEqual(ref.data);
      const data = ref.data as Record<string, unknown>;
      for (const [key, value] of Object.entries(data)) {
        if (!Array.isArray(value)) continue;
        value.forEach((_, i) => {
          const want = ref.position([key, i]);
          const got = fast.positionOf([key, i]);
          expect({ line: got.line, col: got.col }, `${key}[${i}]`).toEqual(want);
        });
      }
    });
  }

  it('falls back to the yaml package for broken YAML and reports every error with a position', () => {
    const src = new YamlSource('bad.yaml', 'a: [1, 2\nb: : c\n');
    expect(src.yamlDiagnostics.length).toBeGreaterThan(0);
    for (const d of src.yamlDiagnostics) {
      expect(d.line).toBeGreaterThan(0);
      expect(d.message).toMatch(/^YAML syntax: /);
    }
  });
});
