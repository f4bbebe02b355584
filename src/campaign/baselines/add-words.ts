/**
 * Put words into a real message, the two ways the baselines need: visibly at the end of every displayed text part
 * (Lowd & Meek's good-word attack adds words the reader can see) or hidden in a `display:none` block (how a
 * feature-space addition is realized without changing what the reader sees). Subject words go to the subject.
 * Uses the MIME editing of the executable tactics, so encodings and multiparts are handled the same way.
 */
import { transformMessage } from '../tactics/mime/edit.js';
import { insertBeforeBodyEnd } from '../tactics/mime/html-rewrite.js';
import { rewriteSubject } from '../tactics/mime/subject.js';
import { escapeHtml, htmlPartsForEditing, mapTextParts, readText, writeText } from '../tactics/mime/text-parts.js';

/** Append `words` as a visible paragraph to each displayed plain and HTML part; null when there is no text part. */
export function appendVisibleWords(raw: string, words: readonly string[]): string | null {
  if (words.length === 0) return raw;
  const line = words.join(' ');
  return transformMessage(raw, undefined, (msg) =>
    mapTextParts(
      msg.root,
      msg.eol,
      ['plain', 'html'],
      (text, part) =>
        part.subtype === 'plain'
          ? `${text.replace(/\s*$/, '')}${msg.eol}${msg.eol}${line}${msg.eol}`
          : insertBeforeBodyEnd(text, `<p>${escapeHtml(line)}</p>\n`),
      'displayed',
    ),
  );
}

/** Add body words hidden (display:none) and subject words to the subject; null when nothing could be added. */
export function addHiddenWords(raw: string, body: readonly string[], subject: readonly string[] = []): string | null {
  if (body.length === 0 && subject.length === 0) return raw;
  return transformMessage(raw, undefined, (msg) => {
    let changed = 0;
    if (body.length) {
      const parts = htmlPartsForEditing(msg.root, msg.eol, true);
      const first = parts[0];
      if (!first) return false;
      const fragment = `<div style="display:none;mso-hide:all">${escapeHtml(body.join(' '))}</div>\n`;
      writeText(first.entity, insertBeforeBodyEnd(readText(first.entity), fragment), msg.eol);
      changed++;
    }
    if (subject.length) {
      if (!rewriteSubject(msg.root, msg.eol, (s) => `${s} ${subject.join(' ')}`)) return false;
      changed++;
    }
    return changed;
  });
}
