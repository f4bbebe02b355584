/**
 * Keeps the layering of docs/architecture.md true: a folder of src/ imports only folders of lower layers (never
 * its own layer's siblings), and no two files import each other in a circle. Test files (*.test.ts) may compose
 * across layers and are not checked. Imports are read with a regular expression: the code is formatted by biome,
 * so every static import/export-from and every dynamic `import('…')` has its specifier in quotes on one line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** Lowest first. Folders on one line form one layer and must not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['util'],
  ['model'],
  ['contracts'],
  ['catalog'],
  ['reference'],
  ['targets'],
  ['campaign', 'traces'],
  ['analysis', 'regress', 'monitor'],
  ['report'],
  ['demo'],
  ['serve'],
  ['cli'],
  ['index.ts'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2]) as string;
    out.push(normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return out;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const topOf = (file: string) => relative(SRC, file).split('/')[0] as string;
const rank = new Map(LAYERS.flatMap((layer, i) => layer.map((folder) => [folder, i] as const)));

describe('architecture: layers', () => {
  it('every top-level folder of src/ has a layer', () => {
    const folders = readdirSync(SRC).filter((n) => !n.endsWith('.test.ts'));
    expect(folders.filter((f) => !rank.has(f))).toEqual([]);
  });

  it('imports point down only (never sideways within a layer)', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const from = topOf(file);
      for (const target of targets) {
        const to = topOf(target);
        if (to === from) continue;
        if ((rank.get(to) ?? -1) >= (rank.get(from) ?? -1))
          violations.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('no import cycle between files', () => {
    // Tarjan's strongly connected components; any component of two or more files is a cycle.
    let index = 0;
    const stack: string[] = [];
    const onStack = new Set<string>();
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index);
      index++;
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(relative(SRC, w));
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const f of graph.keys()) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('the checker sees imports (it would catch a violation)', () => {
    // Guards against a regular expression that silently matches nothing.
    const edges = [...graph.values()].reduce((n, t) => n + t.length, 0);
    expect(edges).toBeGreaterThan(files.length);
    expect(graph.get(join(SRC, 'cli', 'main.ts'))?.length).toBeGreaterThan(0);
  });
});
