/**
 * The Subject line: readers see it first and filters tokenize it with the body, so text tactics rewrite it too.
 * Non-ASCII results go out as RFC 2047 encoded words, which every client decodes.
 */
import { decodeEncodedWords, encodeHeaderText } from './encoding.js';
import { getHeader, type MimeEntity, setHeader } from './message.js';

export function readSubject(root: MimeEntity): string | undefined {
  const raw = getHeader(root, 'subject');
  return raw === undefined ? undefined : decodeEncodedWords(raw);
}

/** Rewrite the subject with `fn` (decoded text in, text out); returns whether it changed. */
export function rewriteSubject(root: MimeEntity, eol: string, fn: (subject: string) => string | null): boolean {
  const subject = readSubject(root);
  if (subject === undefined) return false;
  const next = fn(subject);
  if (next === null || next === subject) return false;
  setHeader(root, 'Subject', encodeHeaderText(next, eol));
  return true;
}
