/**
 * Defuses layout.link-in-attachment. The catalog's heuristic: extract links and text from attachments and feed them
 * through the same checks as the body. The reader view already opens HTML and text attachments; the heuristic
 * reports every link it found there (and a login form posting out of an attachment is the classic carrier).
 */
import { type ContentHeuristic, capped, finding } from './types.js';

export const attachmentLinksHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.attachment-links',
  name: 'Links inside attachments',
  summary: 'Open HTML/text attachments and check their links and forms like body links.',
  inspect(_raw, view) {
    const links = [...new Set(view.attachmentLinks.filter((l) => /^(https?:|www\.)/i.test(l)))];
    return finding(capped(links.map((l) => `attachment links to ${l}`)));
  },
};
