/**
 * One YAML file with a way back from any data path to file:line:col.
 *
 * Valid files take the fast path (js-yaml with a position tree, see fast-yaml.ts). Files that fail to parse take
 * the `yaml` package's path, whose messages are better and which reports every syntax error at once. `doc` and
 * `nodeAt` (the `yaml` package's document and nodes) are still available, computed on first use.
 */
import { readFileSync } from 'node:fs';
import { type Document, isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { excerpt } from '../util/terminal-safe.js';
import type { Diagnostic, Position } from './diagnostics.js';
import { fastParse, LineIndex, PositionTree } from './fast-yaml.js';
import { firstTooDeep, MAX_YAML_DEPTH } from './yaml-depth.js';

export class YamlSource {
  readonly yamlDiagnostics: Diagnostic[] = [];
  /** The data, when the fast parser accepted the file. */
  private fast: { data: unknown } | undefined;
  private tree: PositionTree | undefined;
  private lines: LineIndex | undefined;
  private slowDoc: Document.Parsed | undefined;
  private slowLines: LineCounter | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    const deep = firstTooDeep(text);
    if (deep >= 0) {
      // Never hand this text to a parser (both recurse per level): answer every later question from an empty tree.
      this.fast = { data: null };
      this.tree = new PositionTree('');
      this.yamlDiagnostics.push({
        ...this.offsetToPosition(deep),
        severity: 'error',
        code: 'yaml',
        message: `YAML nested more than ${MAX_YAML_DEPTH} levels deep`,
        hint: 'a model needs a handful of levels; this file is not a model, or is built to exhaust the parser',
      });
      return;
    }
    try {
      this.fast = { data: fastParse(text) };
    } catch (e) {
      if (e instanceof RangeError) {
        // A stack overflow the depth scan did not foresee: a diagnostic, not a crash.
        this.fast = { data: null };
        this.tree = new PositionTree('');
        this.yamlDiagnostics.push({
          file,
          line: 1,
          col: 1,
          severity: 'error',
          code: 'yaml',
          message: 'YAML too deeply nested to parse',
        });
        return;
      }
      // Invalid (or unusual) YAML: let the `yaml` package say precisely what is wrong, all at once.
      const doc = this.doc;
      for (const e of doc.errors) {
        const lp = e.linePos?.[0] ?? this.slowLines!.linePos(e.pos[0]);
        this.yamlDiagnostics.push({
          file,
          line: lp.line,
          col: lp.col,
          severity: 'error',
          code: 'yaml',
          // The parser's message may quote the file; keep it short and inert (the file may not be a model at all).
          message: `YAML syntax: ${excerpt(firstLine(e.message), 160)}`,
          hint: yamlHint(e.code),
        });
      }
    }
  }

  static read(file: string): YamlSource {
    return new YamlSource(file, readFileSync(file, 'utf8'));
  }

  /** The `yaml` package's document (parsed on first use). */
  get doc(): Document.Parsed {
    if (!this.slowDoc) {
      this.slowLines = new LineCounter();
      this.slowDoc = parseDocument(this.text, { lineCounter: this.slowLines, uniqueKeys: true, prettyErrors: false });
    }
    return this.slowDoc;
  }

  /** The file's data. Throws (e.g. an unresolved alias) only on the slow path. */
  toJS(): unknown {
    return this.fast ? this.fast.data : this.doc.toJS({ maxAliasCount: 1000 });
  }

  offsetToPosition(offset: number): Position {
    let lp: { line: number; col: number };
    if (this.fast) {
      this.lines ??= new LineIndex(this.text);
      lp = this.lines.linePos(offset);
    } else {
      void this.doc;
      lp = this.slowLines!.linePos(offset);
    }
    return { file: this.file, line: lp.line, col: lp.col };
  }

  /** The position tree (built on first use: validating a valid file never pays for it). */
  private positions(): PositionTree {
    this.tree ??= new PositionTree(this.text);
    return this.tree;
  }

  private fastNodeAt(path: readonly PropertyKey[]): { node: number; exact: boolean } {
    const t = this.positions();
    let cur = t.root;
    if (cur < 0) return { node: -1, exact: path.length === 0 };
    for (const seg of path) {
      const next = t.child(cur, seg);
      if (next < 0) return { node: cur, exact: false };
      cur = next;
    }
    return { node: cur, exact: true };
  }

  private fastHas(path: readonly PropertyKey[]): boolean {
    let cur: unknown = this.fast?.data;
    for (const seg of path) {
      if (cur === null || typeof cur !== 'object') return false;
      if (!Object.hasOwn(cur as object, seg as string)) return false;
      cur = (cur as Record<PropertyKey, unknown>)[seg as string];
    }
    return true;
  }

  /** True when the path exists in the file. */
  has(path: readonly PropertyKey[]): boolean {
    // Answered from the data, so checking a path never builds the position tree.
    return this.fast ? this.fastHas(path) : this.nodeAt(path).exact;
  }

  /** The scalar written at a path (for messages such as "'modle' is not allowed"). */
  scalarAt(path: readonly PropertyKey[]): unknown {
    if (this.fast) {
      let cur: unknown = this.fast.data;
      for (const seg of path) {
        if (cur === null || typeof cur !== 'object') return undefined;
        cur = (cur as Record<PropertyKey, unknown>)[seg as string];
      }
      return cur !== null && typeof cur === 'object' ? undefined : cur;
    }
    const { node, exact } = this.nodeAt(path);
    return exact && node && isScalar(node) ? node.value : undefined;
  }

  /** The `yaml` package node at a data path; when the path goes past what exists, the deepest existing node. */
  nodeAt(path: readonly PropertyKey[]): { node: Node | undefined; exact: boolean } {
    let cur: unknown = this.doc.contents;
    let last: Node | undefined = isNode(cur) ? cur : undefined;
    for (const seg of path) {
      let next: unknown;
      if (isMap(cur)) next = cur.get(seg as string, true);
      else if (isSeq(cur)) next = cur.get(seg as number, true);
      else return { node: last, exact: false };
      if (!isNode(next)) return { node: last, exact: false };
      cur = next;
      last = next;
    }
    return { node: last, exact: true };
  }

  /** The `yaml` package key node of `key` in the map at `path`. */
  keyNodeAt(path: readonly PropertyKey[], key: string): Node | undefined {
    const { node, exact } = this.nodeAt(path);
    if (!exact || !isMap(node)) return undefined;
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item.key;
    }
    return undefined;
  }

  positionOf(path: readonly PropertyKey[]): Position {
    if (this.fast) {
      const { node } = this.fastNodeAt(path);
      return this.offsetToPosition(node >= 0 ? this.positions().start[node]! : 0);
    }
    const { node } = this.nodeAt(path);
    return this.offsetToPosition(node?.range?.[0] ?? 0);
  }

  positionOfKey(path: readonly PropertyKey[], key: string): Position {
    if (this.fast) {
      const { node, exact } = this.fastNodeAt(path);
      const k = exact && node >= 0 ? this.positions().key(node, key) : -1;
      return k >= 0 ? this.offsetToPosition(this.positions().start[k]!) : this.positionOf(path);
    }
    const k = this.keyNodeAt(path, key);
    return k?.range ? this.offsetToPosition(k.range[0]) : this.positionOf(path);
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'a key may appear once per mapping; merge the two entries';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: list items under a key are indented by the same amount';
    case 'TAB_AS_INDENT':
      return 'YAML indents with spaces, not tabs';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a value that contains ": " or "#" needs quotes';
    default:
      return undefined;
  }
}
