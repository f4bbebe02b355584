import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/cli.js';
import { sha256Hex } from '../../util/hash.js';
import { readMail } from './mail-folders.js';
import { selectMessages } from './select.js';

const eml = (n: number, extra = '') => Buffer.from(`From: a${n}@x\nSubject: m${n}\n\nbody ${n}${extra}\n`, 'latin1');

function fixture(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'mail/spam'), { recursive: true });
  mkdirSync(join(dir, 'mail/ham'), { recursive: true });
  for (let i = 0; i < 6; i++) writeFileSync(join(dir, `mail/spam/${i}.eml`), eml(i, ' caf\xe9'));
  for (let i = 6; i < 8; i++) writeFileSync(join(dir, `mail/ham/${i}.eml`), eml(i));
  writeFileSync(join(dir, 'mail/README.md'), '# notes\n');
  writeFileSync(
    join(dir, 'mail/box.mbox'),
    Buffer.concat([Buffer.from('From x\n'), eml(20), Buffer.from('\nFrom y\n'), eml(21), Buffer.from('\n')]),
  );
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, `Maildir/.Spam/${sub}`), { recursive: true });
  for (const sub of ['cur', 'new']) mkdirSync(join(dir, `Maildir/${sub}`), { recursive: true });
  writeFileSync(join(dir, 'Maildir/.Spam/cur/1700.M1.host:2,S'), eml(30));
  writeFileSync(join(dir, 'Maildir/.Spam/new/1701.M2.host'), eml(31));
  writeFileSync(join(dir, 'Maildir/.Spam/tmp/1702.M3.host'), eml(32));
  return dir;
}

describe('reading the user’s mail', () => {
  it('detects eml folders, mbox files and Maildirs (with Maildir++ subfolders); ids, strata and hashes', () => {
    const dir = fixture();
    const idx = readMail(['mail', 'Maildir'], dir, { format: 'auto', mbox: 'mboxrd' });
    const ids = idx.messages.map((m) => m.id).sort();
    expect(ids).toContain('mail/spam/0.eml');
    expect(ids).toContain('mail/box.mbox#2');
    expect(ids).toContain('Maildir/.Spam/1700.M1.host');
    expect(ids).toContain('Maildir/.Spam/1701.M2.host');
    expect(ids.some((i) => i.includes('1702'))).toBe(false); // tmp/ is never read
    expect(idx.messages).toHaveLength(6 + 2 + 2 + 2);
    expect(idx.ignored).toEqual(['mail/README.md']);
    const m = idx.messages.find((x) => x.id === 'mail/box.mbox#2')!;
    expect(m.bytes.equals(eml(21))).toBe(true);
    expect(m.sha256).toBe(sha256Hex(eml(21)));
    expect(m.stratum).toBe('mail/box.mbox');
    expect(idx.messages.find((x) => x.id === 'mail/spam/0.eml')!.stratum).toBe('mail/spam');
  });

  it('fails clearly on an empty folder, a missing path and a non-Maildir declared as one', () => {
    const dir = fixture();
    mkdirSync(join(dir, 'empty'));
    const o = { format: 'auto' as const, mbox: 'mboxrd' as const };
    expect(() => readMail(['empty'], dir, o)).toThrow(/no messages in 'empty' \(the folder is empty\)/);
    expect(() => readMail(['nope'], dir, o)).toThrow(/sample path 'nope' not found/);
    expect(() => readMail(['mail'], dir, { ...o, format: 'maildir' })).toThrow(/'mail' is not a Maildir/);
    writeFileSync(join(dir, 'bad.eml'), 'hello there\n');
    expect(() => readMail(['bad.eml'], dir, o)).toThrow(/bad\.eml:1: not a mail message/);
  });

  it('excludes by id and hash, drops duplicates, and samples proportionally per source', () => {
    const dir = fixture();
    const { messages } = readMail(['mail'], dir, { format: 'auto', mbox: 'mboxrd' });
    const exclude = new Set(['mail/spam/0.eml', sha256Hex(eml(6)), 'not/there.eml']);
    const all = selectMessages(messages, { exclude, sample: 'first', seed: 1 });
    expect(all.excluded).toBe(2);
    expect(all.unmatchedExcludes).toBe(1);
    expect(all.chosen.map((m) => m.id)).not.toContain('mail/ham/6.eml');
    // 5 spam, 1 ham, 2 mbox left = 8; a stratified 4: 5/8·4 = 2.5 → 2, 1/8·4 = 0.5, 2/8·4 = 1 → largest remainders.
    const s = selectMessages(messages, { exclude, count: 4, sample: 'stratified', seed: 7 });
    expect(s.strata).toEqual([
      { stratum: 'mail/box.mbox', available: 2, chosen: 1 },
      { stratum: 'mail/ham', available: 1, chosen: 1 },
      { stratum: 'mail/spam', available: 5, chosen: 2 },
    ]);
    expect(s.chosen).toHaveLength(4);
    // Seeded: the same seed picks the same messages; another seed may not.
    const again = selectMessages(messages, { exclude, count: 4, sample: 'stratified', seed: 7 });
    expect(again.chosen.map((m) => m.id)).toEqual(s.chosen.map((m) => m.id));
    expect(() => selectMessages(messages, { exclude, count: 99, sample: 'first', seed: 1 })).toThrow(
      /only 8 messages are left \(after 2 excluded and 0 duplicates\)/,
    );
    const dup = selectMessages([...messages, { ...messages[0]!, id: 'zz-copy' }], {
      exclude: new Set(),
      sample: 'first',
      seed: 1,
    });
    expect(dup.duplicates).toBe(1);
  });
});
