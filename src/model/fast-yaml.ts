/**
 * Fast YAML loading with positions. The `yaml` package gives exact positions and excellent error messages but
 * parses about 1 MB/s; js-yaml parses several times faster and can report every node it opens and closes to a
 * listener. A valid file is parsed once for its data; the position tree is built by a second pass only when a
 * position is first asked for (an error, a finding), in flat typed arrays so a 10,000-component model does not
 * allocate half a million small objects. Files that fail to parse use the `yaml` package for its messages.
 */
import jsYaml from 'js-yaml';

/** Core schema (YAML 1.2): no timestamps, so dates stay strings, as with the `yaml` package's default. */
const OPTIONS = { schema: jsYaml.CORE_SCHEMA, json: false };

/** Parse for data only. Throws js-yaml's exception on invalid input. */
export function fastParse(text: string): unknown {
  return jsYaml.load(text, OPTIONS);
}

const SCALAR = 0;
const MAPPING = 1;
const SEQUENCE = 2;

interface ListenerState {
  position: number;
  kind: string | null;
  result: unknown;
}

/**
 * Every node's start offset, kind and children, as parallel arrays. Node 0 is a virtual root whose only child is
 * the document. Mapping children alternate key, value.
 */
export class PositionTree {
  start = new Int32Array(1024);
  kind = new Uint8Array(1024);
  firstChild = new Int32Array(1024);
  lastChild = new Int32Array(1024);
  nextSibling = new Int32Array(1024);
  childCount = new Int32Array(1024);
  /** Scalar values by node index (sparse). */
  values: unknown[] = [];
  count = 0;

  constructor(text: string) {
    this.alloc(0);
    const stack: number[] = [0];
    jsYaml.load(text, {
      ...OPTIONS,
      listener: (event: 'open' | 'close', state: ListenerState) => {
        if (event === 'open') {
          stack.push(this.alloc(state.position));
          return;
        }
        const node = stack.pop()!;
        const end = state.position;
        const kind = state.kind === 'mapping' ? MAPPING : state.kind === 'sequence' ? SEQUENCE : SCALAR;
        this.kind[node] = kind;
        // js-yaml opens a node before skipping the whitespace and comments in front of it.
        this.start[node] = skipInsignificant(text, this.start[node]!, end);
        // Nodes that produced nothing (an attempt js-yaml abandoned) are dropped.
        if (state.kind === null && state.result === undefined && end === this.start[node]) return;
        if (kind === SCALAR) this.values[node] = state.result;
        // A flow collection inside a block item is reported twice (the item, then the collection): keep one.
        const only = this.childCount[node] === 1 ? this.firstChild[node]! : -1;
        const linked =
          only >= 0 && kind !== SCALAR && this.kind[only] === kind && this.start[only] === this.start[node]
            ? only
            : node;
        this.link(stack[stack.length - 1]!, linked);
      },
    } as jsYaml.LoadOptions);
  }

  private alloc(start: number): number {
    const i = this.count++;
    if (i >= this.start.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.start = grow(this.start);
      this.kind = grow(this.kind);
      this.firstChild = grow(this.firstChild);
      this.lastChild = grow(this.lastChild);
      this.nextSibling = grow(this.nextSibling);
      this.childCount = grow(this.childCount);
    }
    this.start[i] = start;
    this.firstChild[i] = -1;
    this.lastChild[i] = -1;
    this.nextSibling[i] = -1;
    this.childCount[i] = 0;
    return i;
  }

  private link(parent: number, child: number): void {
    this.nextSibling[child] = -1;
    if (this.lastChild[parent]! < 0) this.firstChild[parent] = child;
    else this.nextSibling[this.lastChild[parent]!] = child;
    this.lastChild[parent] = child;
    this.childCount[parent]!++;
  }

  /** The document node, or -1 for an empty file. */
  get root(): number {
    return this.firstChild[0]!;
  }

  /** The value node under `seg` (a mapping key or a sequence index), or -1. */
  child(node: number, seg: PropertyKey): number {
    if (this.kind[node] === SEQUENCE) {
      if (typeof seg !== 'number') return -1;
      let c = this.firstChild[node]!;
      for (let i = 0; i < seg && c >= 0; i++) c = this.nextSibling[c]!;
      return c;
    }
    const k = this.key(node, String(seg));
    return k >= 0 ? this.nextSibling[k]! : -1;
  }

  /** The key node of `key` in a mapping, or -1. */
  key(node: number, key: string): number {
    if (this.kind[node] !== MAPPING) return -1;
    for (let c = this.firstChild[node]!; c >= 0; c = this.nextSibling[this.nextSibling[c]!] ?? -1) {
      if (String(this.values[c]) === key) return c;
      if (this.nextSibling[c]! < 0) break;
    }
    return -1;
  }

  isScalar(node: number): boolean {
    return this.kind[node] === SCALAR;
  }
}

function skipInsignificant(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const ch = text.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) i++;
    else if (ch === 0x23 /* # */) {
      while (i < limit && text.charCodeAt(i) !== 0x0a) i++;
    } else break;
  }
  return i;
}

/** Offsets of line starts, for offset → line:col by binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) this.starts.push(i + 1);
  }
  linePos(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
}
