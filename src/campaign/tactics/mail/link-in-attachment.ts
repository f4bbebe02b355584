/**
 * layout.link-in-attachment — move the links (and any login form) out of the body into an attached HTML file; the
 * body keeps its lure and says "see the attached document". HTML-attachment phishing is among the most common
 * credential-phishing carriers in vendor reports since ~2019: body-only URL reputation and text checks see a message
 * with no link at all.
 */
import { freshBoundary, transformMessage } from '../mime/edit.js';
import { encodeBase64 } from '../mime/encoding.js';
import { extractLinksFromHtml, isElement, parseHtml, rewriteUrlsInText } from '../mime/html-rewrite.js';
import {
  attachContent,
  contentTypeOf,
  createLeaf,
  createMultipart,
  detachContent,
  type MimeEntity,
} from '../mime/message.js';
import { escapeAttr, escapeHtml, readText, textParts, writeText } from '../mime/text-parts.js';
import { merged, str } from '../params.js';
import { pick } from '../rng.js';
import type { ContentTactic } from '../types.js';
import { ATTACHMENT_NOTES } from '../words/benign-text.js';

const DEFAULTS = {
  /** Attachment file name; empty = a random plausible one. */
  filename: '',
  /** The sentence added to the body; empty = a random one. */
  note: '',
};

const FILENAMES = ['secure-message.html', 'document.html', 'invoice.html', 'statement.html'];

/** Insert a paragraph right after <body> (or at the start when there is no body tag in the source). */
function prependToBody(html: string, fragment: string): string {
  const doc = parseHtml(html);
  const htmlEl = doc.childNodes.find(isElement);
  const body = htmlEl ? htmlEl.childNodes.find((n) => isElement(n) && n.tagName === 'body') : undefined;
  const at = body && isElement(body) ? body.sourceCodeLocation?.startTag?.endOffset : undefined;
  return at === undefined ? fragment + html : html.slice(0, at) + fragment + html.slice(at);
}

function attachmentHtml(urls: readonly string[], forms: readonly string[]): string {
  const links = urls.map((u) => `<p><a href="${escapeAttr(u)}">Open the secure page</a></p>`).join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Secure message</title></head>
<body>
${forms.join('\n')}
${links}
</body></html>
`;
}

export const linkInAttachmentTactic: ContentTactic = {
  kind: 'content',
  id: 'layout.link-in-attachment',
  defusedBy: ['heuristic.attachment-links'],
  summary: 'Move the links (and login forms) into an attached .html file; the body says "see attachment".',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const p = merged(DEFAULTS, params);
    const note = str(p, 'note', '') || pick(rng, ATTACHMENT_NOTES);
    const filename = (str(p, 'filename', '') || pick(rng, FILENAMES)).replace(/["\\\r\n]/g, '');
    let moved = 0;
    const out = transformMessage(content, env?.encoding, (msg) => {
      const eol = msg.eol;
      const urls: string[] = [];
      const forms: string[] = [];
      const edited: Array<{ entity: MimeEntity; text: string }> = [];
      for (const part of textParts(msg.root)) {
        const text = readText(part.entity);
        if (part.subtype === 'html') {
          const x = extractLinksFromHtml(text);
          if (x.urls.length === 0 && x.forms.length === 0) continue;
          urls.push(...x.urls);
          forms.push(...x.forms);
          edited.push({ entity: part.entity, text: prependToBody(x.html, `<p>${escapeHtml(note)}</p>\n`) });
        } else {
          const found: string[] = [];
          const next = rewriteUrlsInText(text, (u) => {
            found.push(u);
            return '';
          });
          if (next === null) continue;
          urls.push(...found);
          edited.push({ entity: part.entity, text: `${note}\n\n${next}` });
        }
      }
      const unique = [...new Set(urls.map((u) => (/^www\./i.test(u) ? `http://${u}` : u)))];
      if (unique.length === 0 && forms.length === 0) return false;
      moved = unique.length + forms.length;
      for (const e of edited) writeText(e.entity, e.text, eol);
      const attachment = createLeaf(
        [
          ['Content-Type', `text/html; charset=utf-8; name="${filename}"`],
          ['Content-Transfer-Encoding', 'base64'],
          ['Content-Disposition', `attachment; filename="${filename}"`],
        ],
        `${encodeBase64(attachmentHtml(unique, forms), eol)}${eol}`,
        eol,
      );
      if (msg.root.body.kind === 'multipart' && contentTypeOf(msg.root).value === 'multipart/mixed') {
        const b = msg.root.body;
        b.parts.push({ delimiter: `--${b.boundary}`, delimiterEol: eol, entity: attachment, tail: eol });
        if (b.closeLine === undefined) {
          b.closeLine = `--${b.boundary}--`;
          b.afterClose = eol;
        }
        // the part before the new one must end with a line break before the delimiter
        const prev = b.parts[b.parts.length - 2];
        if (prev && prev.tail === '') prev.tail = eol;
      } else {
        const body = detachContent(msg.root, eol);
        attachContent(
          msg.root,
          createMultipart('mixed', [body, attachment], freshBoundary(content, rng, 'att'), eol),
          eol,
        );
      }
      return true;
    });
    return out === null ? null : { content: out, note: `${moved} link(s)/form(s) moved into ${filename}` };
  },
};
