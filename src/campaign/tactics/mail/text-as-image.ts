/**
 * layout.text-as-image — replace the body text with a picture of it. Image spam took off in 2005–2007 precisely
 * because content filters read text (Apruzzese et al. 2023 list "text as image" among the tricks real phishers use;
 * Biggio et al., "Image Spam Filtering Using Visual Information", ICIAP 2007). The body becomes a short benign
 * caption and an inline image; the links stay clickable through an image map over the picture.
 *
 * The image is SVG (text in <text> elements): writing it needs no font rasterizer, and the validity oracle can
 * read what it shows. Many real clients (Gmail among them) do not display SVG; an attacker would send PNG. The
 * measured effect on a text filter is the same — it receives no payload words either way.
 */

import { extractVisibleHtml } from '../../oracles/visible-text.js';
import { freshBoundary, transformMessage } from '../mime/edit.js';
import { encodeBase64 } from '../mime/encoding.js';
import {
  attachContent,
  contentTypeOf,
  createLeaf,
  createMultipart,
  detachContent,
  isAttachment,
  type MimeEntity,
  walkEntities,
} from '../mime/message.js';
import { displayedParts, escapeAttr, escapeHtml, readText, trimUrl, URL_IN_TEXT } from '../mime/text-parts.js';
import { merged, num, str } from '../params.js';
import { pick } from '../rng.js';
import type { ContentTactic } from '../types.js';
import { CAPTIONS } from '../words/benign-text.js';

const DEFAULTS = {
  /** Caption shown above the image; empty = a random benign one. */
  caption: '',
  /** Characters per image line before wrapping. */
  wrap: 70,
  fontSize: 16,
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function wrapLines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n/)) {
    const words = para.split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
      continue;
    }
    let line = '';
    for (const w of words) {
      if (line !== '' && line.length + 1 + w.length > width) {
        out.push(line);
        line = w;
      } else line = line === '' ? w : `${line} ${w}`;
    }
    out.push(line);
  }
  while (out[out.length - 1] === '') out.pop();
  return out;
}

/** The SVG picture of the lines, one <text> element per line on a white background. */
export function renderSvg(
  lines: readonly string[],
  fontSize: number,
): { svg: string; width: number; height: number; lineHeight: number; pad: number } {
  const lineHeight = Math.round(fontSize * 1.4);
  const pad = 16;
  const longest = Math.max(1, ...lines.map((l) => l.length));
  const width = Math.round(Math.min(900, pad * 2 + longest * fontSize * 0.56));
  const height = pad * 2 + lines.length * lineHeight;
  const texts = lines
    .map((l, i) =>
      l === ''
        ? ''
        : `<text x="${pad}" y="${pad + (i + 1) * lineHeight - Math.round(lineHeight * 0.3)}">${escapeXml(l)}</text>`,
    )
    .filter((t) => t !== '')
    .join('\n');
  const svg = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" fill="#ffffff"/>
<g font-family="Arial, Helvetica, sans-serif" font-size="${fontSize}" fill="#1a1a1a">
${texts}
</g>
</svg>
`;
  return { svg, width, height, lineHeight, pad };
}

function bodyTextAndLinks(root: MimeEntity): { text: string; links: string[] } {
  const texts: string[] = [];
  const links: string[] = [];
  for (const part of displayedParts(root)) {
    const raw = readText(part.entity);
    if (part.subtype === 'html') {
      const x = extractVisibleHtml(raw);
      texts.push(x.visible);
      links.push(...x.links);
    } else {
      texts.push(raw.replace(/\r\n/g, '\n'));
      links.push(...[...raw.matchAll(URL_IN_TEXT)].map((m) => trimUrl(m[0])));
    }
  }
  const usable = links.filter((l) => !/^(#|cid:|javascript:)/i.test(l));
  return { text: texts.join('\n\n').trim(), links: [...new Set(usable)] };
}

/** Leaves that are real attachments (kept as they are), not body text. */
function attachmentsOf(root: MimeEntity): MimeEntity[] {
  const out: MimeEntity[] = [];
  for (const e of walkEntities(root)) {
    if (e === root || e.body.kind !== 'leaf') continue;
    const ct = contentTypeOf(e).value;
    const bodyText = (ct === 'text/plain' || ct === 'text/html') && !isAttachment(e);
    if (!bodyText) out.push(e);
  }
  return out;
}

export const textAsImageTactic: ContentTactic = {
  kind: 'content',
  id: 'layout.text-as-image',
  defusedBy: ['heuristic.image-heavy'],
  summary:
    'Replace the body text with an SVG image of it plus a short benign caption; links stay clickable via an image map.',
  defaults: DEFAULTS,
  apply(content, rng, params, env) {
    const p = merged(DEFAULTS, params);
    let lineCount = 0;
    const out = transformMessage(content, env?.encoding, (msg) => {
      const { text, links } = bodyTextAndLinks(msg.root);
      if (!/[\p{L}\p{N}]/u.test(text)) return false;
      const lines = wrapLines(text, Math.max(20, num(p, 'wrap', DEFAULTS.wrap)));
      lineCount = lines.length;
      const img = renderSvg(lines, num(p, 'fontSize', DEFAULTS.fontSize));
      const id = Math.floor(rng() * 0xffffffff)
        .toString(16)
        .padStart(8, '0');
      const cid = `img${id}@mail.example`;
      const caption = str(p, 'caption', '') || pick(rng, CAPTIONS);
      // Each link gets the strip of the image that shows it; links the picture does not show share the image in
      // horizontal slices. Specific strips come first, since the first matching <area> wins a click.
      const rows = links.map((href) => lines.findIndex((l) => l.includes(href)));
      const unplaced = links.filter((_, i) => rows[i] === -1);
      const strip = (top: number, bottom: number): string => `0,${Math.round(top)},${img.width},${Math.round(bottom)}`;
      const area = (href: string, coords: string): string =>
        `<area shape="rect" coords="${coords}" href="${escapeAttr(href)}" alt="">`;
      const areas = [
        ...links.flatMap((href, i) => {
          const row = rows[i] as number;
          return row >= 0
            ? [area(href, strip(img.pad + row * img.lineHeight, img.pad + (row + 1) * img.lineHeight))]
            : [];
        }),
        ...unplaced.map((href, k) =>
          area(href, strip((k * img.height) / unplaced.length, ((k + 1) * img.height) / unplaced.length)),
        ),
      ];
      const html = `<html><body>
<p>${escapeHtml(caption)}</p>
<p><img src="cid:${cid}" width="${img.width}" height="${img.height}" alt="" usemap="#m${id}" border="0"></p>
<map name="m${id}">
${areas.join('\n')}
</map>
</body></html>
`;
      const eol = msg.eol;
      const htmlPart = createLeaf(
        [
          ['Content-Type', 'text/html; charset=utf-8'],
          ['Content-Transfer-Encoding', /^\p{ASCII}*$/u.test(html) ? '7bit' : 'base64'],
        ],
        /^\p{ASCII}*$/u.test(html) ? html.replace(/\n/g, eol) : `${encodeBase64(html, eol)}${eol}`,
        eol,
      );
      const imagePart = createLeaf(
        [
          ['Content-Type', `image/svg+xml; name="image${id}.svg"`],
          ['Content-Transfer-Encoding', 'base64'],
          ['Content-ID', `<${cid}>`],
          ['Content-Disposition', `inline; filename="image${id}.svg"`],
        ],
        `${encodeBase64(img.svg, eol)}${eol}`,
        eol,
      );
      const related = createMultipart('related', [htmlPart, imagePart], freshBoundary(content, rng, 'rel'), eol);
      related.headers[0] = { name: 'content-type', raw: `${related.headers[0]?.raw}; type="text/html"` };
      const kept = attachmentsOf(msg.root);
      detachContent(msg.root, eol);
      const body =
        kept.length > 0
          ? createMultipart('mixed', [related, ...kept], freshBoundary(content, rng, 'mix'), eol)
          : related;
      attachContent(msg.root, body, eol);
      return true;
    });
    return out === null ? null : { content: out, note: `body rendered as an SVG image (${lineCount} lines)` };
  },
};
