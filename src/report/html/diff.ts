/**
 * Word/character difference between an original input and the attacker's transformed version, for campaign
 * examples. Tokens are runs of word characters, runs of whitespace, or single other characters, so a
 * zero-width character or a homoglyph shows up as its own change. Rendered escaped, with invisible characters
 * made visible (⟨U+200B⟩) and non-ASCII characters in changed text marked with their code point.
 */
import { codePointLabel, esc, hasInvisible } from '../../util/escape.js';

export type DiffOp = { op: 'same' | 'del' | 'ins'; text: string };

export function tokenize(s: string): string[] {
  return s.match(/[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu) ?? [];
}

/** Longest-common-subsequence diff over tokens; above `maxCells` the middle is shown as one replacement. */
export function diffTokens(a: string[], b: string[], maxCells = 4_000_000): DiffOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const mid: DiffOp[] = [];
  if (A.length * B.length > maxCells) {
    if (A.length) mid.push({ op: 'del', text: A.join('') });
    if (B.length) mid.push({ op: 'ins', text: B.join('') });
  } else if (A.length === 0 || B.length === 0) {
    if (A.length) mid.push({ op: 'del', text: A.join('') });
    if (B.length) mid.push({ op: 'ins', text: B.join('') });
  } else {
    const n = A.length;
    const m = B.length;
    // dp[i][j] = LCS length of A[i:], B[j:], in one typed array.
    const dp = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        dp[i * (m + 1) + j] =
          A[i] === B[j]
            ? (dp[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
            : Math.max(dp[(i + 1) * (m + 1) + j] ?? 0, dp[i * (m + 1) + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (A[i] === B[j]) {
        mid.push({ op: 'same', text: A[i]! });
        i++;
        j++;
      } else if ((dp[(i + 1) * (m + 1) + j] ?? 0) >= (dp[i * (m + 1) + j + 1] ?? 0)) {
        mid.push({ op: 'del', text: A[i]! });
        i++;
      } else {
        mid.push({ op: 'ins', text: B[j]! });
        j++;
      }
    }
    while (i < n) mid.push({ op: 'del', text: A[i++]! });
    while (j < m) mid.push({ op: 'ins', text: B[j++]! });
  }
  const ops: DiffOp[] = [];
  const push = (o: DiffOp) => {
    const last = ops[ops.length - 1];
    if (last && last.op === o.op) last.text += o.text;
    else ops.push({ ...o });
  };
  if (pre) push({ op: 'same', text: a.slice(0, pre).join('') });
  for (const o of mid) push(o);
  if (suf) push({ op: 'same', text: a.slice(a.length - suf).join('') });
  return ops;
}

export function diffText(original: string, transformed: string): DiffOp[] {
  return diffTokens(tokenize(original), tokenize(transformed));
}

export interface DiffStats {
  changedTokens: number;
  invisibleAdded: number;
  nonAsciiAdded: number;
}

export function diffStats(ops: DiffOp[]): DiffStats {
  let changed = 0;
  let inv = 0;
  let nonAscii = 0;
  for (const o of ops) {
    if (o.op === 'same') continue;
    changed += tokenize(o.text).filter((t) => !/^\s+$/.test(t)).length;
    if (o.op === 'ins') {
      for (const ch of o.text) {
        if (hasInvisible(ch)) inv++;
        else if ((ch.codePointAt(0) ?? 0) > 0x7e) nonAscii++;
      }
    }
  }
  return { changedTokens: changed, invisibleAdded: inv, nonAsciiAdded: nonAscii };
}

/** Escape changed text, marking each non-ASCII character with its code point (invisible ones are revealed by esc). */
function markChanged(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (hasInvisible(ch)) out += `<span class="inv">${esc(ch)}</span>`;
    else if (cp > 0x7e && !/\s/.test(ch))
      out += `<span class="nonascii" title="${codePointLabel(ch)}">${esc(ch)}</span>`;
    else out += esc(ch);
  }
  return out;
}

/** Side-by-side markup: [original with deletions, transformed with insertions]. */
export function renderDiffSides(ops: DiffOp[]): [string, string] {
  let left = '';
  let right = '';
  for (const o of ops) {
    if (o.op === 'same') {
      left += esc(o.text);
      right += esc(o.text);
    } else if (o.op === 'del') left += `<del>${markChanged(o.text)}</del>`;
    else right += `<ins>${markChanged(o.text)}</ins>`;
  }
  return [left, right];
}
