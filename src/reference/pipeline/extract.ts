/**
 * The application layer's preprocessing, end to end: raw message → mime-parser → html-to-text →
 * text-normalizer (optional) → tokenizer, plus the simhash fingerprint the bulk-detector uses. Pure apart from
 * being async (postal-mime's API is); the same input and options always give the same output.
 */
import type { HardeningOptions } from '../hardening.js';
import { htmlToText } from './html-to-text.js';
import { parseMime } from './mime-parser.js';
import { decodeNestedText } from './nested-decoding.js';
import { type Fingerprint, fingerprintToHex, simhash64 } from './simhash.js';
import { normalizeConfusables } from './text-normalizer.js';
import { tokenize, words } from './tokenizer.js';

export interface ExtractionOptions
  extends Pick<HardeningOptions, 'normalizeConfusables' | 'stripHiddenText' | 'decodeNestedEncodings'> {
  /** Read HTML parts. Off only in the deliberately regressed variant ("the model lost its HTML features"). */
  readHtml: boolean;
}

export interface ExtractedMessage {
  /** Feature tokens (unique). */
  tokens: string[];
  /** Simhash of subject + body words. */
  fingerprint: Fingerprint;
  /** The fingerprint as 16 hex characters (`DecisionLogRecord.templateHash`). */
  templateHash: string;
  subject: string;
  fromAddress: string;
  /** Characters of text the tokenizer saw. */
  textLength: number;
  /** Words of subject and body (the simhash input; the bulk-detector skips very short messages). */
  wordCount: number;
  malformed: boolean;
}

export async function extractMessage(raw: string | Uint8Array, options: ExtractionOptions): Promise<ExtractedMessage> {
  const parsed = await parseMime(raw, { decodeNestedEncodings: options.decodeNestedEncodings });
  const htmlTexts = options.readHtml
    ? parsed.htmlParts.map((html) => htmlToText(html, { stripHiddenText: options.stripHiddenText }))
    : [];
  const fromHtml = options.decodeNestedEncodings ? htmlTexts.map(decodeNestedText) : htmlTexts;
  let body = [...parsed.textParts, ...fromHtml].join('\n');
  let subject = parsed.subject;
  if (options.normalizeConfusables) {
    body = normalizeConfusables(body);
    subject = normalizeConfusables(subject);
  }
  const tokens = tokenize({
    subject,
    fromDomain: parsed.fromDomain,
    bodyText: body,
    hasHtml: options.readHtml && parsed.htmlParts.length > 0,
    hasText: parsed.textParts.length > 0,
    attachmentCount: parsed.attachmentCount,
  });
  const allWords = [...words(subject), ...words(body)];
  const fingerprint = simhash64(allWords);
  return {
    tokens,
    fingerprint,
    templateHash: fingerprintToHex(fingerprint),
    subject,
    fromAddress: parsed.fromAddress,
    textLength: body.length,
    wordCount: allWords.length,
    malformed: parsed.malformed,
  };
}
