/** Walk the zod schema along a data path, to learn which keys an object at that path accepts (for "did you mean"). */
import { z } from 'zod';

function unwrap(s: z.ZodType): z.ZodType {
  let cur: z.ZodType = s;
  for (let i = 0; i < 10; i++) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodDefault || cur instanceof z.ZodNullable) {
      cur = cur.unwrap() as z.ZodType;
    } else if (cur instanceof z.ZodPipe) {
      cur = cur.out as z.ZodType;
    } else break;
  }
  return cur;
}

export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let cur: z.ZodType | undefined = unwrap(root);
  for (const seg of path) {
    if (!cur) return undefined;
    if (cur instanceof z.ZodObject) cur = (cur.shape as Record<string, z.ZodType>)[String(seg)];
    else if (cur instanceof z.ZodArray) cur = cur.element as z.ZodType;
    else if (cur instanceof z.ZodRecord) cur = cur.def.valueType as z.ZodType;
    else if (cur instanceof z.ZodUnion) cur = objectOption(cur);
    else return undefined;
    cur = cur ? unwrap(cur) : undefined;
  }
  return cur instanceof z.ZodUnion ? objectOption(cur) : cur;
}

/** A union of a shorthand and an object form (`'x'` or `{ field: 'x' }`): the object form is the one with keys. */
function objectOption(union: z.ZodUnion): z.ZodType | undefined {
  return (union.options as z.ZodType[]).map(unwrap).find((o) => o instanceof z.ZodObject);
}

/** Does the field at `path` hold a list (an array, or a union that accepts one)? */
export function isListAt(root: z.ZodType, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  const parent = schemaAt(root, path.slice(0, -1));
  if (!(parent instanceof z.ZodObject)) return false;
  const field = (parent.shape as Record<string, z.ZodType>)[String(path[path.length - 1])];
  if (!field) return false;
  const s = unwrap(field);
  if (s instanceof z.ZodArray) return true;
  return s instanceof z.ZodUnion && (s.options as z.ZodType[]).some((o) => unwrap(o) instanceof z.ZodArray);
}

export function knownKeysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(root, path);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}
