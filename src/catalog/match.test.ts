import { describe, expect, it } from 'vitest';
import { keywordOccurs, tacticsBreaking } from './match.js';

function ids(text: string): string[] {
  return tacticsBreaking(text).map((b) => b.tactic.id);
}

describe('keywordOccurs', () => {
  it('matches case-insensitively at the start of a word, so stems work', () => {
    expect(keywordOccurs('Text is NFC-normalized', 'normaliz')).toBe(true);
    expect(keywordOccurs('Text is NFC', 'nfc')).toBe(true);
  });

  it('does not match inside another word', () => {
    expect(keywordOccurs('an urban area', 'ban')).toBe(false);
    expect(keywordOccurs('the unicorn', 'nico')).toBe(false);
  });

  it('treats regex characters in keywords literally', () => {
    expect(keywordOccurs('multipart/alternative parts', 'multipart/alternative')).toBe(true);
    expect(keywordOccurs('a (b) c', '(b)')).toBe(true);
    expect(keywordOccurs('abc', 'a.c')).toBe(false);
  });
});

describe('tacticsBreaking', () => {
  // Assumptions as written in examples/mail-filter/system.yaml.
  it.each([
    ['Spam words arrive as plain ASCII words; Unicode normalization is not needed.', 'input.confusable-characters'],
    ['A word reaches the tokenizer as one contiguous run of letters.', 'layout.html-comment-word-split'],
    ['A word reaches the tokenizer as one contiguous run of letters.', 'input.zero-width-characters'],
    ['The extracted text is the visible text a reader sees in the rendered message.', 'layout.hidden-good-words'],
    [
      'Body parts are encoded at most once; decoding base64 or quoted-printable once yields the readable text.',
      'layout.mime-reencoding',
    ],
    ['In multipart/alternative the text and HTML parts say the same thing.', 'layout.multipart-alternative-mismatch'],
    [
      'Each account creation is done by a human solving the challenge, so accounts are expensive to mass-produce.',
      'automation.captcha-solving-service',
    ],
    [
      'Account age signals trust; an old account with good reputation belongs to a legitimate sender.',
      'access.aged-account-purchase',
    ],
    [
      'Spam is only profitable at volume, so capping messages per sender per hour stops campaigns.',
      'activity.low-and-slow',
    ],
    [
      'Spam is only profitable at volume, so capping messages per sender per hour stops campaigns.',
      'access.account-rotation',
    ],
    [
      'A campaign sends one template from one sender, so near-duplicate counting per sender finds it.',
      'activity.template-variation',
    ],
    [
      'A campaign sends one template from one sender, so near-duplicate counting per sender finds it.',
      'activity.sender-fanout',
    ],
    [
      'Only a small share of traffic lands in the review band, so capacity is enough.',
      'activity.review-queue-flooding',
    ],
    ['Users report honestly; a "not spam" click means the message was wanted.', 'feedback.mass-not-spam'],
    ['Labels from user reports are clean enough to train on without review.', 'feedback.mass-not-spam'],
    ['Each submission is one message written by the account holder.', 'access.compromised-accounts'],
  ])('"%s" is broken by %s', (text, tactic) => {
    expect(ids(text)).toContain(tactic);
  });

  it('returns the keyword that matched', () => {
    const hit = tacticsBreaking('Text is NFC').find((b) => b.tactic.id === 'input.confusable-characters');
    expect(hit?.keyword).toBe('nfc');
  });

  it('does not fire on assumptions no tactic addresses', () => {
    expect(ids('The datacenter has two power feeds.')).toEqual([]);
    expect(ids('')).toEqual([]);
  });

  it('does not fire tactics on look-alike wording from another domain', () => {
    expect(ids('Account age signals trust.')).not.toContain('input.confusable-characters');
    expect(ids('A word reaches the tokenizer as one contiguous run of letters.')).not.toContain(
      'access.stolen-access-token',
    );
    expect(ids('Attackers cannot query the model and scores are not visible.')).not.toContain(
      'layout.hidden-good-words',
    );
    expect(ids('The logo matcher recognises a brand from its logo.')).not.toContain('url.combosquatting');
  });
});

describe('docs/catalog.md example', () => {
  it('holds as documented', () => {
    expect(ids('Text is NFC-normalized before tokenizing.')).toEqual([
      'input.confusable-characters',
      'input.zero-width-characters',
    ]);
  });
});
