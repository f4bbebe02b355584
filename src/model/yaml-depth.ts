/**
 * Both YAML parsers recurse once per nesting level, so a file nested a few thousand levels deep ends in "Maximum
 * call stack size exceeded" instead of a diagnostic. This one linear pass over the text finds the first place
 * where nesting passes MAX_YAML_DEPTH before any parser runs. It over-estimates slightly (a sequence item's
 * mapping counts twice), which is why the limit is far above what a model needs (about 8 levels).
 */
export const MAX_YAML_DEPTH = 64;

const BLOCK_SCALAR = /(?:^|[\s:-])[|>][0-9+-]*\s*(?:#.*)?$/;

/** Offset of the first character that nests deeper than `max`, or -1. */
export function firstTooDeep(text: string, max = MAX_YAML_DEPTH): number {
  const indents: number[] = [];
  let flow = 0;
  let blockScalarParent = -1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    let ind = 0;
    while (i + ind < end && text.charCodeAt(i + ind) === 0x20) ind++;
    const j = i + ind;
    const blank = j >= end || text[j] === '\r' || text[j] === '#';
    if (blockScalarParent >= 0) {
      // The lines of a literal (|) or folded (>) block are text, whatever their indentation or brackets.
      if (blank || ind > blockScalarParent) {
        i = end + 1;
        continue;
      }
      blockScalarParent = -1;
    }
    if (blank) {
      i = end + 1;
      continue;
    }
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= ind) indents.pop();
      indents.push(ind);
    }
    let depth = indents.length + flow;
    if (depth > max) return j;
    let k = j;
    // Compact nested sequences on one line ("- - - x") nest once per dash.
    while (flow === 0 && text[k] === '-' && (text[k + 1] === ' ' || k + 1 === end)) {
      depth++;
      if (depth > max) return k;
      k += 2;
      while (k < end && text[k] === ' ') k++;
    }
    let quote = '';
    let contentEnd = end;
    for (; k < end; k++) {
      const ch = text[k]!;
      if (quote) {
        if (ch === '\\' && quote === '"') k++;
        else if (ch === quote) {
          if (quote === "'" && text[k + 1] === "'") k++;
          else quote = '';
        }
        continue;
      }
      const prev = k === j ? ' ' : text[k - 1]!;
      if ((ch === '"' || ch === "'") && /[\s[{,:-]/.test(prev)) quote = ch;
      else if (ch === '#' && /\s/.test(prev)) {
        contentEnd = k;
        break;
      } else if (ch === '[' || ch === '{') {
        flow++;
        if (indents.length + flow > max) return k;
      } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
    }
    if (flow === 0 && !quote && BLOCK_SCALAR.test(text.slice(j, contentEnd).trimEnd())) blockScalarParent = ind;
    i = end + 1;
  }
  return -1;
}
