import { describe, expect, it } from 'vitest';
import { UserError } from '../util/errors.js';
import { Redactor } from './redact.js';

describe('Redactor', () => {
  it('replaces e-mail local parts and phone numbers consistently, keeping domains and shapes', () => {
    const r = new Redactor();
    const out = r.redact(
      'From: Alice <alice.smith@example.com>\nCall +1 415 555 2671 or (415) 555-2671.\nCc: alice.smith@example.com, bob@corp.example.org',
    );
    expect(out).toBe(
      'From: Alice <redacted-1@example.com>\nCall +0 000 000 0001 or (000) 000-0002.\nCc: redacted-1@example.com, redacted-2@corp.example.org',
    );
    expect(r.counts).toEqual({ emails: 3, phones: 2, patterns: 0 });
  });

  it('leaves dates, IP addresses, ids and prices alone', () => {
    const r = new Redactor();
    const text = 'Date: 2025-01-06 10:00:00, from 192.168.100.200, order 12345678, price $1,299.00, id 4111-2222';
    expect(r.redact(text)).toBe(text);
    expect(r.counts).toEqual({ emails: 0, phones: 0, patterns: 0 });
  });

  it('applies configurable patterns (their first group when they have one) and can be switched off per kind', () => {
    const r = new Redactor({ emails: false, phones: false, patterns: ['acct-\\d+', 'IBAN: ([A-Z]{2}\\d+)'] });
    expect(r.redact('acct-991 pays IBAN: DE44500105175407324931 to x@y.com')).toBe(
      'redacted-1 pays IBAN: redacted-2 to x@y.com',
    );
    expect(r.counts.patterns).toBe(2);
  });

  it('rejects invalid and empty-matching patterns as user errors', () => {
    expect(() => new Redactor({ patterns: ['(unclosed'] })).toThrow(UserError);
    expect(() => new Redactor({ patterns: ['x*'] })).toThrow(/matches the empty string/);
  });
});
