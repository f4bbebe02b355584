/**
 * The reader's view of a raw message, computed the way a mail client shows it. postal-mime plays the client's
 * MIME layer (it decodes transfer encodings and charsets, assembles multipart trees, and renders inline
 * message/rfc822 parts); from the assembled body the HTML is preferred, as clients do, and its visible text is
 * extracted with CSS-aware hiding rules (visible-text.ts). Text inside SVG image attachments counts as visible
 * (an image shows its text), and HTML or text attachments contribute links and reachable text.
 */
import PostalMime from 'postal-mime';
import { trimUrl, URL_IN_TEXT } from '../tactics/mime/text-parts.js';
import { extractSvgText, extractVisibleHtml } from './visible-text.js';

export interface ReaderView {
  subject: string;
  /** What the reader sees in the message body: visible HTML text (or the plain text) plus SVG image text. */
  visibleText: string;
  /** Text present in the body but hidden from the reader. */
  hiddenText: string;
  /** Hiding rule → characters hidden by it. */
  hiddenBy: Record<string, number>;
  /** Text of HTML/plain-text attachments (seen once the reader opens them). */
  attachmentText: string;
  /** Link targets a reader can click in the body (raw, as written). */
  bodyLinks: string[];
  /** Link targets inside attachments. */
  attachmentLinks: string[];
  /** Which representation the body came from. */
  source: 'html' | 'text' | 'none';
  /** The body's visible text without the text read from images (what a filter without OCR sees). */
  bodyVisibleText: string;
  /** The HTML body as decoded by the client ('' when the message has none). */
  html: string;
  /** The text/plain representation as sent (the alternative a client hides when there is HTML). */
  plainText: string;
  /** Image attachments and inline images (any format). */
  images: number;
  /**
   * Text of the sender, recipient, subject and date fields (postal-mime's parse). A client shows these, and
   * renders them again as a header block for an inline forwarded message, so repeating them is not new text.
   */
  headerText: string;
  /** Number of SVG images whose text counted as visible. */
  svgImages: number;
  /** Set when the message could not be parsed at all. */
  parseError?: string;
}

const decoder = new TextDecoder('utf-8');

function attachmentString(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === 'string') return content;
  return decoder.decode(content instanceof Uint8Array ? content : new Uint8Array(content));
}

function urlsIn(text: string): string[] {
  return [...text.matchAll(URL_IN_TEXT)].map((m) => trimUrl(m[0]));
}

/** `raw` as exact bytes (what the target receives: charsets decoded as the message declares) or as text. */
export async function readerView(raw: string | Uint8Array): Promise<ReaderView> {
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch (err) {
    return {
      subject: '',
      visibleText: '',
      hiddenText: '',
      hiddenBy: {},
      attachmentText: '',
      bodyLinks: [],
      attachmentLinks: [],
      source: 'none',
      bodyVisibleText: '',
      html: '',
      plainText: '',
      images: 0,
      headerText: '',
      svgImages: 0,
      parseError: err instanceof Error ? err.message : String(err),
    };
  }
  let visibleText = '';
  let hiddenText = '';
  let hiddenBy: Record<string, number> = {};
  let bodyLinks: string[] = [];
  let source: ReaderView['source'] = 'none';
  if (email.html) {
    const x = extractVisibleHtml(email.html);
    visibleText = x.visible;
    hiddenText = x.hidden;
    hiddenBy = x.hiddenBy;
    bodyLinks = x.links;
    source = 'html';
  } else if (email.text) {
    visibleText = email.text;
    bodyLinks = urlsIn(email.text);
    source = 'text';
  }
  const svgTexts: string[] = [];
  const attachmentTexts: string[] = [];
  const attachmentLinks: string[] = [];
  let images = 0;
  for (const a of email.attachments) {
    const type = (a.mimeType ?? '').toLowerCase();
    const name = (a.filename ?? '').toLowerCase();
    if (type.startsWith('image/')) images++;
    if (type === 'image/svg+xml' || name.endsWith('.svg')) {
      const t = extractSvgText(attachmentString(a.content));
      if (t) svgTexts.push(t);
      continue;
    }
    if (type === 'text/html' || name.endsWith('.html') || name.endsWith('.htm')) {
      const x = extractVisibleHtml(attachmentString(a.content));
      attachmentTexts.push(x.visible);
      attachmentLinks.push(...x.links);
      continue;
    }
    if (type === 'text/plain' || name.endsWith('.txt')) {
      const t = attachmentString(a.content);
      attachmentTexts.push(t);
      attachmentLinks.push(...urlsIn(t));
    }
  }
  const bodyVisibleText = visibleText;
  if (svgTexts.length > 0) visibleText = [visibleText, ...svgTexts].filter((t) => t !== '').join('\n');
  const addresses = [email.from, ...(email.to ?? []), ...(email.cc ?? [])].flatMap((a) =>
    a ? ('group' in a && a.group ? a.group : [a]) : [],
  );
  const headerText = [
    ...addresses.map((a) => `${a.name ?? ''} ${'address' in a ? (a.address ?? '') : ''}`),
    email.subject ?? '',
    email.date ?? '',
  ].join('\n');
  return {
    subject: email.subject ?? '',
    headerText,
    visibleText,
    hiddenText,
    hiddenBy,
    attachmentText: attachmentTexts.join('\n'),
    bodyLinks,
    attachmentLinks,
    source,
    bodyVisibleText,
    html: email.html ?? '',
    plainText: email.text ?? '',
    images,
    svgImages: svgTexts.length,
  };
}
