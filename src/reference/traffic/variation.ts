/**
 * How simulated messages differ from their corpus originals.
 *
 * Every message gets fresh routing headers (Date, Message-ID, To); corpus `Received` / `X-*` headers are dropped
 * (they would only bloat the logs, and some carry the original filter's verdict). Benign mail sometimes becomes
 * a reply ("Re: "). Spam is varied by the sender's *variation level*, which adaptive campaigns raise when their
 * mail is caught as bulk or by the model:
 *
 *   0  the template as is (all copies share one simhash)
 *   1  + a reference number in the subject and a hash-buster line in the body
 *   2  + a paragraph of "good words" (word salad) at the end
 *   3  + word salad at the start and the end; in HTML templates it sits in a `display:none` block — invisible to
 *        the reader, visible to a tokenizer that does not strip hidden text
 */
import type { SeededRandom } from '../../util/random.js';
import {
  addToBody,
  headerValue,
  joinMessage,
  removeHeaders,
  rfc5322Date,
  type SplitMessage,
  setHeader,
  simpleBodyKind,
  splitMessage,
} from './mail-format.js';

export type VariationLevel = 0 | 1 | 2 | 3;

export interface Envelope {
  at: number;
  /** Unique per run; becomes the Message-ID. */
  sequence: number;
  recipient: string;
  senderDomain?: string;
}

const DROPPED_HEADERS = ['received', 'delivered-to', 'return-path', 'x-loop', 'x-mailing-list'];

export function readdress(message: SplitMessage, envelope: Envelope): SplitMessage {
  let m = removeHeaders(
    { headers: message.headers.filter((h) => !h.name.startsWith('x-')), body: message.body },
    DROPPED_HEADERS,
  );
  m = setHeader(m, 'Date', rfc5322Date(envelope.at));
  m = setHeader(m, 'Message-ID', `<sim.${envelope.sequence}@${envelope.senderDomain ?? 'mail.example.net'}>`);
  m = setHeader(m, 'To', `${envelope.recipient}@mail.example.org`);
  return m;
}

export function benignVariant(raw: string, envelope: Envelope, rng: SeededRandom): string {
  let m = readdress(splitMessage(raw), envelope);
  if (rng.chance(0.1)) {
    const subject = headerValue(m, 'subject') ?? '';
    if (!/^re:/i.test(subject)) m = setHeader(m, 'Subject', `Re: ${subject}`);
  }
  return joinMessage(m);
}

function alnum(rng: SeededRandom, n: number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < n; i++) s += chars[rng.int(0, chars.length - 1)];
  return s;
}

export function wordSalad(goodWords: readonly string[], n: number, rng: SeededRandom): string {
  return Array.from({ length: n }, () => rng.pick(goodWords)).join(' ');
}

/** A spam variant at the given level; templates whose body cannot be edited safely only get header changes. */
export function spamVariant(
  raw: string,
  level: VariationLevel,
  envelope: Envelope,
  goodWords: readonly string[],
  rng: SeededRandom,
): string {
  let m = readdress(splitMessage(raw), envelope);
  const kind = simpleBodyKind(m);
  if (level === 0) return joinMessage(m);
  const subject = headerValue(m, 'subject') ?? '';
  m = setHeader(m, 'Subject', `${subject} [${alnum(rng, 5)}]`);
  if (!kind) return joinMessage(m);
  let body = addToBody(m.body, kind, `ref ${alnum(rng, 10)}`, 'end');
  if (level === 2) body = addToBody(body, kind, wordSalad(goodWords, 15, rng), 'end');
  if (level === 3) {
    const wrap = (text: string) => (kind === 'html' ? `<div style="display:none">${text}</div>` : text);
    body = addToBody(body, kind, wrap(wordSalad(goodWords, 30, rng)), 'start');
    body = addToBody(body, kind, wrap(wordSalad(goodWords, 30, rng)), 'end');
  }
  return joinMessage({ headers: m.headers, body });
}

/** The probing attacker's variant: the template plus exactly `goodWordCount` good words, visible. */
export function probeVariant(
  raw: string,
  goodWordCount: number,
  envelope: Envelope,
  goodWords: readonly string[],
  rng: SeededRandom,
): string {
  const m = readdress(splitMessage(raw), envelope);
  const kind = simpleBodyKind(m);
  if (!kind || goodWordCount === 0) return joinMessage(m);
  return joinMessage({
    headers: m.headers,
    body: addToBody(m.body, kind, wordSalad(goodWords, goodWordCount, rng), 'end'),
  });
}
