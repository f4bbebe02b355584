/**
 * Redaction of personal data in case inputs before a suite is written. It keeps the sample usable as a test:
 * an e-mail address keeps its domain and loses its local part (`alice@example.com` → `redacted-1@example.com`),
 * a phone number keeps its shape with zeroed digits and a distinguishing tail (`+1 415 555 2671` →
 * `+0 000 000 0001`), and a custom pattern's match (or its first capture group, if it has one) becomes
 * `redacted-N`. The same value gets the same token everywhere in a suite, so repeated senders stay recognisable.
 *
 * Limits: text inside base64 or quoted-printable parts is not decoded and so not redacted; nor is `inputRef`.
 */
import { UserError } from '../util/errors.js';

export interface RedactionOptions {
  /** Replace the local part of e-mail addresses (default true). */
  emails?: boolean;
  /** Replace phone numbers (default true). */
  phones?: boolean;
  /** More patterns (JavaScript regular expressions). */
  patterns?: readonly string[];
}

export interface RedactionCounts {
  emails: number;
  phones: number;
  patterns: number;
}

const EMAIL =
  /([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})\b/g;

/**
 * International numbers (+CC then 6–14 more digits in groups) and North-American style (NNN) NNN-NNNN or
 * NNN-NNN-NNNN. Digits or dots right next to the match rule it out, so dates, IP addresses and ids stay.
 */
const PHONE =
  /(?<![\w.+-])(?:\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}|(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]\d{4})(?![\w.-]*\d)/g;

export class Redactor {
  readonly counts: RedactionCounts = { emails: 0, phones: 0, patterns: 0 };
  private readonly tokens = new Map<string, string>();
  private readonly phoneTokens = new Map<string, string>();
  private readonly custom: RegExp[];

  constructor(private readonly opts: RedactionOptions = {}) {
    this.custom = (opts.patterns ?? []).map(compilePattern);
  }

  redact(text: string): string {
    let out = text;
    for (const re of this.custom) out = this.replaceCustom(out, re);
    if (this.opts.emails !== false) {
      out = out.replace(EMAIL, (_m, local: string, domain: string) => {
        if (/^redacted-\d+$/.test(local)) return `${local}@${domain}`;
        this.counts.emails++;
        return `${this.token(`email:${local.toLowerCase()}@${domain.toLowerCase()}`)}@${domain}`;
      });
    }
    if (this.opts.phones !== false) {
      out = out.replace(PHONE, (m) => {
        const digits = m.replace(/\D/g, '');
        if (digits.length < 7 || digits.length > 15) return m;
        this.counts.phones++;
        return this.phoneToken(m, digits);
      });
    }
    return out;
  }

  private replaceCustom(text: string, re: RegExp): string {
    return text.replace(re, (...args: unknown[]) => {
      const match = args[0] as string;
      const group = typeof args[1] === 'string' ? (args[1] as string) : undefined;
      this.counts.patterns++;
      if (group === undefined || group === '') return this.token(`pattern:${match}`);
      return match.replace(group, this.token(`pattern:${group}`));
    });
  }

  private token(key: string): string {
    let t = this.tokens.get(key);
    if (!t) {
      t = `redacted-${this.tokens.size + 1}`;
      this.tokens.set(key, t);
    }
    return t;
  }

  /** Same shape, digits zeroed, the last digits numbering distinct phone numbers. */
  private phoneToken(shape: string, digits: string): string {
    let n = this.phoneTokens.get(digits);
    if (!n) {
      n = String(this.phoneTokens.size + 1);
      this.phoneTokens.set(digits, n);
    }
    const tail = n.padStart(Math.min(4, digits.length), '0');
    let zeros = digits.length - tail.length;
    let k = 0;
    return shape.replace(/\d/g, () => {
      if (zeros > 0) {
        zeros--;
        return '0';
      }
      return tail[k++] ?? '0';
    });
  }
}

function compilePattern(source: string): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(source, 'g');
  } catch (e) {
    throw new UserError(`--redact-pattern '${source}' is not a valid regular expression: ${(e as Error).message}`);
  }
  if (re.test(''))
    throw new UserError(`--redact-pattern '${source}' matches the empty string; it would redact nothing useful`);
  re.lastIndex = 0;
  return re;
}
