/**
 * The small JSON path the response mappings use: `$.a.b[0].c`, `a.b.0.c` or `$['a-b']`. No wildcards or filters:
 * a mapping names one value.
 */

export function parseJsonPath(path: string): Array<string | number> {
  const segs: Array<string | number> = [];
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  const re = /^(?:\.?([^.[\]]+)|\[(\d+)\]|\[['"]([^'"]*)['"]\])/;
  while (rest.length) {
    const m = re.exec(rest);
    if (!m) throw new SyntaxError(`cannot read JSON path '${path}' at '${rest}'`);
    if (m[1] !== undefined) segs.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    else if (m[2] !== undefined) segs.push(Number(m[2]));
    else segs.push(m[3] ?? '');
    rest = rest.slice(m[0].length);
  }
  return segs;
}

/** The value at `path`, or undefined when any step is missing. */
export function getPath(value: unknown, path: string | Array<string | number>): unknown {
  const segs = typeof path === 'string' ? parseJsonPath(path) : path;
  let cur: unknown = value;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}
