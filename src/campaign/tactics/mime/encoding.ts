/**
 * Content-Transfer-Encoding and charset handling for the message writer (RFC 2045 §6, RFC 2047). Decoding mirrors
 * what postal-mime (the reference filter's parser and the oracle's "mail client") does with the same input: a raw
 * message string is read as UTF-8 bytes, then the part's transfer encoding and charset are applied. That keeps a
 * rewritten part's text identical to what the filter saw in the untouched original.
 */

import { contentBytes } from '../../../contracts/input-bytes.js';

const textEncoder = new TextEncoder();

export type TransferEncoding = '7bit' | '8bit' | 'binary' | 'quoted-printable' | 'base64';

export function normalizeTransferEncoding(value: string | undefined): TransferEncoding {
  const v = (value ?? '').trim().toLowerCase();
  if (v.includes('base64')) return 'base64';
  if (v.includes('quoted-printable')) return 'quoted-printable';
  if (v === '8bit') return '8bit';
  if (v === 'binary') return 'binary';
  return '7bit';
}

/**
 * Bytes of a body after undoing its transfer encoding. `binary`: the body is a byte string (contracts/input-bytes.ts),
 * so its chars are bytes (and any char a tactic added above U+00FF is its UTF-8), not UTF-8 text.
 */
export function decodeTransfer(body: string, encoding: TransferEncoding, binary = false): Uint8Array {
  const bytesOf = (s: string): Uint8Array => (binary ? contentBytes(s, 'binary') : textEncoder.encode(s));
  switch (encoding) {
    case 'base64': {
      // Like postal-mime: every run of '=' ends a unit and decoding restarts after it, so text a mailing list
      // appended after the padding decodes (to garbage) the same way the filter and the client see it.
      const units = body.replace(/[^A-Za-z0-9+/=]/g, '').split(/=+/);
      return new Uint8Array(Buffer.concat(units.map((u) => Buffer.from(u, 'base64'))));
    }
    case 'quoted-printable':
      return decodeQuotedPrintable(bytesOf(body));
    default:
      return bytesOf(body);
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export function decodeQuotedPrintable(input: Uint8Array): Uint8Array {
  const out = new Uint8Array(input.length);
  let n = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as number;
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    const a = input[i + 1];
    const b = input[i + 2];
    // soft line break: "=" followed by optional whitespace and CRLF/LF
    let j = i + 1;
    while (j < input.length && (input[j] === 0x20 || input[j] === 0x09)) j++;
    if (input[j] === 0x0a || (input[j] === 0x0d && input[j + 1] === 0x0a)) {
      i = input[j] === 0x0d ? j + 1 : j;
      continue;
    }
    if (j >= input.length) {
      i = j;
      continue;
    }
    if (a !== undefined && b !== undefined && hexValue(a) >= 0 && hexValue(b) >= 0) {
      out[n++] = hexValue(a) * 16 + hexValue(b);
      i += 2;
      continue;
    }
    out[n++] = c; // a stray "=" is kept, as lenient decoders do
  }
  return out.slice(0, n);
}

/** Charset label → TextDecoder, falling back to windows-1252 like postal-mime does for unknown labels. */
export function decoderFor(charset: string | undefined): { decode(bytes: Uint8Array): string } {
  const label = (charset ?? 'utf-8').trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label);
  } catch {
    try {
      return new TextDecoder(label.replace(/^x-/, '').replace(/_/g, '-'));
    } catch {
      return new TextDecoder('windows-1252');
    }
  }
}

export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  return decoderFor(charset).decode(bytes);
}

const QP_LINE = 76;

/** Quoted-printable over the UTF-8 bytes of `text`, soft-wrapped at 76 columns, with `eol` line ends. */
export function encodeQuotedPrintable(text: string, eol: string, encodeAll = false): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  for (const line of lines) {
    const bytes = textEncoder.encode(line);
    const tokens: string[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      const isLast = i === bytes.length - 1;
      const plain =
        !encodeAll &&
        ((b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !isLast)) &&
        !(b === 46 && i === 0);
      tokens.push(plain ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
    }
    let current = '';
    for (const t of tokens) {
      if (current.length + t.length > QP_LINE - 1) {
        out.push(`${current}=`);
        current = '';
      }
      current += t;
    }
    out.push(current);
  }
  return out.join(eol);
}

/** Base64 of `bytes` in lines of `width` characters (76 by RFC 2045; attackers vary it). */
export function encodeBase64(bytes: Uint8Array | string, eol: string, width = 76): string {
  const b64 = Buffer.from(typeof bytes === 'string' ? textEncoder.encode(bytes) : bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return lines.join(eol);
}

/** RFC 2047 encoded words (B and Q) in a header value → text. */
export function decodeEncodedWords(value: string): string {
  const joined = value.replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)/g, '$1');
  return joined.replace(/=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g, (_m, charset: string, kind: string, data: string) => {
    const cs = charset.split('*')[0];
    if (kind.toLowerCase() === 'b') return decodeCharset(new Uint8Array(Buffer.from(data, 'base64')), cs);
    const qp = data.replace(/_/g, ' ');
    return decodeCharset(decodeQuotedPrintable(textEncoder.encode(qp)), cs);
  });
}

/** Text → RFC 2047 B-encoded UTF-8 words when it is not plain ASCII, folded so each line stays short. */
export function encodeHeaderText(text: string, eol: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    // 45 bytes of UTF-8 → 60 base64 characters, keeping each encoded word under 75 characters
    if (textEncoder.encode(chunk + ch).length > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${eol} `);
}
