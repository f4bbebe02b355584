/**
 * Just enough RFC 5322 handling to vary corpus messages for simulated traffic: split header block and body, set
 * or replace a header, and tell whether a body is a single un-encoded text or HTML part (the only kind whose body
 * the simulator edits, so edits can never corrupt an encoding).
 */

export interface HeaderField {
  /** Lower-case field name. */
  name: string;
  /** The complete field as it appears, continuation lines included, without the final newline. */
  text: string;
}

export interface SplitMessage {
  headers: HeaderField[];
  body: string;
}

export type SimpleBodyKind = 'text' | 'html';

/** Split at the first empty line. The mbox `From ` line the corpus keeps is dropped (it is not a header). */
export function splitMessage(raw: string): SplitMessage {
  let text = raw.replace(/\r\n/g, '\n');
  if (text.startsWith('From ')) text = text.slice(text.indexOf('\n') + 1);
  const blank = text.indexOf('\n\n');
  const head = blank >= 0 ? text.slice(0, blank) : text;
  const body = blank >= 0 ? text.slice(blank + 2) : '';
  const headers: HeaderField[] = [];
  for (const line of head.split('\n')) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && headers.length > 0) {
      const last = headers[headers.length - 1] as HeaderField;
      last.text += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon).trim().toLowerCase(), text: line });
  }
  return { headers, body };
}

export function joinMessage(message: SplitMessage): string {
  return `${message.headers.map((h) => h.text).join('\n')}\n\n${message.body}`;
}

export function headerValue(message: SplitMessage, name: string): string | undefined {
  const field = message.headers.find((h) => h.name === name.toLowerCase());
  if (!field) return undefined;
  return field.text
    .slice(field.text.indexOf(':') + 1)
    .replace(/\n[ \t]+/g, ' ')
    .trim();
}

/** Replace the first field of that name (dropping any others) or append it. */
export function setHeader(message: SplitMessage, name: string, value: string): SplitMessage {
  const lower = name.toLowerCase();
  const field = { name: lower, text: `${name}: ${value}` };
  const at = message.headers.findIndex((h) => h.name === lower);
  const headers = message.headers.filter((h) => h.name !== lower);
  headers.splice(at >= 0 ? at : headers.length, 0, field);
  return { headers, body: message.body };
}

export function removeHeaders(message: SplitMessage, names: readonly string[]): SplitMessage {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return { headers: message.headers.filter((h) => !drop.has(h.name)), body: message.body };
}

/** `text` / `html` when the whole message is one part without a transfer encoding; otherwise undefined. */
export function simpleBodyKind(message: SplitMessage): SimpleBodyKind | undefined {
  const type = (headerValue(message, 'content-type') ?? 'text/plain').toLowerCase();
  const encoding = (headerValue(message, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding !== '7bit' && encoding !== '8bit') return undefined;
  if (type.startsWith('text/plain')) return 'text';
  if (type.startsWith('text/html')) return 'html';
  return undefined;
}

/** RFC 5322 date (`Mon, 06 Jan 2025 09:14:03 +0000`). */
export function rfc5322Date(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Insert text into a simple body: for HTML before `</body>` (or at the end), for plain text as paragraphs. */
export function addToBody(body: string, kind: SimpleBodyKind, text: string, where: 'start' | 'end'): string {
  if (kind === 'text') return where === 'start' ? `${text}\n\n${body}` : `${body.replace(/\s*$/, '')}\n\n${text}\n`;
  if (where === 'start') {
    const open = /<body[^>]*>/i.exec(body);
    if (open)
      return `${body.slice(0, open.index + open[0].length)}\n${text}\n${body.slice(open.index + open[0].length)}`;
    return `${text}\n${body}`;
  }
  const close = body.search(/<\/body>/i);
  return close >= 0 ? `${body.slice(0, close)}${text}\n${body.slice(close)}` : `${body}\n${text}\n`;
}
