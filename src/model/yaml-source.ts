/**
 * One parsed YAML file with its line counter, so that any data path can be turned back into file:line:col.
 */
import { readFileSync } from 'node:fs';
import { type Document, isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Diagnostic, Position } from './diagnostics.js';

export class YamlSource {
  readonly lineCounter = new LineCounter();
  readonly doc: Document.Parsed;
  readonly yamlDiagnostics: Diagnostic[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: true, prettyErrors: false });
    for (const e of this.doc.errors) {
      const lp = e.linePos?.[0] ?? this.lineCounter.linePos(e.pos[0]);
      this.yamlDiagnostics.push({
        file,
        line: lp.line,
        col: lp.col,
        severity: 'error',
        code: 'yaml',
        message: `YAML syntax: ${firstLine(e.message)}`,
        hint: yamlHint(e.code),
      });
    }
  }

  static read(file: string): YamlSource {
    return new YamlSource(file, readFileSync(file, 'utf8'));
  }

  offsetToPosition(offset: number): Position {
    const lp = this.lineCounter.linePos(offset);
    return { file: this.file, line: lp.line, col: lp.col };
  }

  /** The node at a data path; when the path goes past what exists, the deepest existing node. */
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

  /** The key node of `key` in the map at `path` (to point at an unknown field itself). */
  keyNodeAt(path: readonly PropertyKey[], key: string): Node | undefined {
    const { node, exact } = this.nodeAt(path);
    if (!exact || !isMap(node)) return undefined;
    for (const item of node.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item.key;
    }
    return undefined;
  }

  positionOf(path: readonly PropertyKey[]): Position {
    const { node } = this.nodeAt(path);
    const offset = node?.range?.[0] ?? 0;
    return this.offsetToPosition(offset);
  }

  positionOfKey(path: readonly PropertyKey[], key: string): Position {
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
