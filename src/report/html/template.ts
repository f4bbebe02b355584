/**
 * An auto-escaping HTML template tag. `h\`<td>${value}</td>\`` escapes every interpolated value unless it is a
 * `Raw` (markup this module or another renderer produced); arrays are joined with each element treated the same
 * way. Untrusted text therefore cannot become markup by forgetting to call `esc`.
 */
import { esc } from '../../util/escape.js';

export class Raw {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** Mark a string of markup as trusted (only for strings this code built from escaped parts). */
export function raw(html: string): Raw {
  return new Raw(html);
}

function part(v: unknown): string {
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(v);
}

export function h(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += part(values[i]) + (strings[i + 1] ?? '');
  return new Raw(out);
}

/** Join markup pieces. */
export function join(items: Array<Raw | string | undefined | false>, sep = ''): Raw {
  return new Raw(
    items
      .filter((x): x is Raw | string => x !== undefined && x !== false)
      .map(part)
      .join(sep),
  );
}
