/**
 * mime-parser: raw RFC 822 → subject, sender and decoded text / HTML parts, via postal-mime (which decodes
 * base64, quoted-printable, charsets and multipart trees once). With `decodeNestedEncodings` it also peels layers
 * hidden inside the decoded parts.
 */
import PostalMime from 'postal-mime';
import { decodeNestedHtml, decodeNestedText } from './nested-decoding.js';

export interface ParsedMessage {
  subject: string;
  /** Lower-cased sender address ('' when absent). */
  fromAddress: string;
  /** Lower-cased domain of the sender address ('' when absent). */
  fromDomain: string;
  textParts: string[];
  htmlParts: string[];
  attachmentCount: number;
  /** True when postal-mime rejected the message; the raw text is then used as one text part. */
  malformed: boolean;
}

export interface MimeParserOptions {
  decodeNestedEncodings: boolean;
}

/** `raw` as exact bytes (8-bit bodies, legacy charsets) or as text (parsed as its UTF-8 bytes). */
export async function parseMime(raw: string | Uint8Array, options: MimeParserOptions): Promise<ParsedMessage> {
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 64 });
  } catch {
    // A message the parser refuses is still mail someone sent: score its raw text rather than failing.
    const text = typeof raw === 'string' ? raw : new TextDecoder('utf-8').decode(raw);
    return {
      subject: '',
      fromAddress: '',
      fromDomain: '',
      textParts: [options.decodeNestedEncodings ? decodeNestedText(text) : text],
      htmlParts: [],
      attachmentCount: 0,
      malformed: true,
    };
  }
  const fromAddress = (email.from && 'address' in email.from ? (email.from.address ?? '') : '').toLowerCase();
  const at = fromAddress.lastIndexOf('@');
  const textParts = email.text ? [email.text] : [];
  const htmlParts = email.html ? [email.html] : [];
  return {
    subject: email.subject ?? '',
    fromAddress,
    fromDomain: at >= 0 ? fromAddress.slice(at + 1) : '',
    textParts: options.decodeNestedEncodings ? textParts.map(decodeNestedText) : textParts,
    htmlParts: options.decodeNestedEncodings ? htmlParts.map(decodeNestedHtml) : htmlParts,
    attachmentCount: email.attachments.length,
    malformed: false,
  };
}
