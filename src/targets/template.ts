/**
 * Request templates: `{{content}}`, `{{contentBase64}}` (the exact bytes, base64), `{{encoding}}` (utf8 | binary),
 * `{{id}}`, `{{context.accountId}}` (any context field) with optional filters `| json`, `| base64`, `| url`
 * (`{{content | base64}}` encodes the exact bytes too). In a string body `{{content}}` without a filter is written as
 * the input's exact bytes, so a byte-exact message can be framed by template text. In a mapping body the placeholders sit in string values and the whole body is
 * sent as JSON (so escaping is automatic; a value that is exactly one placeholder keeps the placeholder's type).
 * `${ENV}` in URLs and headers reads the environment when the request is built; the expansion is never stored.
 */
import { inputBytes } from '../contracts/input-bytes.js';
import type { TargetInput } from '../contracts/target.js';
import { UserError } from '../util/errors.js';
import { getPath } from './json-path.js';

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*(?:\|\s*(json|base64|url)\s*)?\}\}/g;
const WHOLE = /^\{\{\s*([\w.]+)\s*\}\}$/;

function lookup(input: TargetInput, name: string): unknown {
  if (name === 'content') return input.content;
  if (name === 'contentBase64') return inputBytes(input).toString('base64');
  if (name === 'encoding') return input.encoding ?? 'utf8';
  if (name === 'id') return input.id;
  if (name === 'context') return input.context ?? {};
  if (name.startsWith('context.')) return getPath(input.context ?? {}, name.slice('context.'.length));
  throw new UserError(
    `unknown template placeholder '{{${name}}}' (use content, contentBase64, encoding, id or context.<field>)`,
  );
}

function applyFilter(value: unknown, filter: string | undefined): string {
  const s = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  switch (filter) {
    case 'json':
      return JSON.stringify(value ?? null);
    case 'base64':
      return Buffer.from(s, 'utf8').toString('base64');
    case 'url':
      return encodeURIComponent(s);
    default:
      return s;
  }
}

function renderOne(input: TargetInput, name: string, filter: string | undefined): string {
  if (name === 'content' && filter === 'base64') return inputBytes(input).toString('base64');
  return applyFilter(lookup(input, name), filter);
}

export function renderString(template: string, input: TargetInput): string {
  return template.replace(PLACEHOLDER, (_, name: string, filter?: string) => renderOne(input, name, filter));
}

/**
 * A string template rendered to bytes: template text and placeholders as UTF-8, except `{{content}}` without a
 * filter, which is the input's exact bytes (see contracts/input-bytes.ts).
 */
export function renderBytes(template: string, input: TargetInput): Buffer {
  const parts: Buffer[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(Buffer.from(template.slice(last, m.index), 'utf8'));
    const [whole, name, filter] = m as unknown as [string, string, string | undefined];
    parts.push(name === 'content' && !filter ? inputBytes(input) : Buffer.from(renderOne(input, name, filter), 'utf8'));
    last = m.index + whole.length;
  }
  parts.push(Buffer.from(template.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

export function renderValue(template: unknown, input: TargetInput): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole?.[1]) return lookup(input, whole[1]) ?? null;
    return renderString(template, input);
  }
  if (Array.isArray(template)) return template.map((v) => renderValue(v, input));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, renderValue(v, input)]));
  }
  return template;
}

/** The request body and its content type. */
export function renderBody(
  body: string | Record<string, unknown>,
  input: TargetInput,
): { body: Buffer | string; type: string } {
  if (typeof body === 'string') return { body: renderBytes(body, input), type: 'text/plain; charset=utf-8' };
  return { body: JSON.stringify(renderValue(body, input)), type: 'application/json' };
}

/** Replace `${NAME}` with the environment variable; a missing variable is a user error naming it. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return text.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const v = env[name];
    if (v === undefined) throw new UserError(`environment variable ${name} is not set (used as \${${name}})`);
    return v;
  });
}
