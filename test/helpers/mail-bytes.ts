/**
 * Mail fixtures as exact bytes (ISO-8859-1 8-bit, CRLF multipart, 8-bit UTF-8) and a real HTTP filter on 127.0.0.1
 * that records the exact bytes of every request body, for the byte-exactness e2e tests.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A single-part ISO-8859-1 message with an 8-bit body (not valid UTF-8). */
export const LATIN1_SINGLE = latin1(
  'From: promo@mailer.example.com\nTo: user@example.org\nSubject: Offre exclusive\nMIME-Version: 1.0\n' +
    'Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n' +
    'Gagnez FREE money d\u00e8s aujourd\u2019hui, c\u2019est d\u00e9j\u00e0 pay\u00e9.\nhttp://offers1.example.com/claim\n',
);
/** The untouched second part of the multipart seed: ISO-8859-1, 8-bit, no trigger word. */
export const QUIET_PART = latin1('Rien \u00e0 voir ici, \u00e0 bient\u00f4t.\r\n');
/** Multipart, CRLF line ends, two ISO-8859-1 8-bit parts; only the first has trigger words. */
export const LATIN1_MULTI = Buffer.concat([
  latin1(
    'From: deals@mailer.example.com\r\nTo: user@example.org\r\nSubject: Caf\u00e9 gratuit\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n' +
      'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
      'Claim your free money at the caf\u00e9 now.\r\nhttp://offers2.example.com/claim\r\n--b1\r\n' +
      'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
  ),
  QUIET_PART,
  latin1('--b1--\r\n'),
]);
/** 8-bit UTF-8 (valid UTF-8: read as text). */
export const UTF8_8BIT = Buffer.from(
  'From: x@mailer.example.com\nTo: user@example.org\nSubject: Gr\u00fc\u00dfe\nMIME-Version: 1.0\n' +
    'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n' +
    'Free money f\u00fcr Sie \u2014 \u{1f4b0} jetzt!\nhttp://offers3.example.com/claim\n',
  'utf8',
);

export interface ByteServer {
  url: string;
  server: Server;
  bodies: Buffer[];
  types: string[];
}

/** A toy filter that blocks bodies with a trigger word and records every body's exact bytes. */
export async function byteServer(): Promise<ByteServer> {
  const s = { bodies: [] as Buffer[], types: [] as string[] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      s.bodies.push(body);
      s.types.push(String(req.headers['content-type']));
      const spam = /\b(free|money)\b/i.test(body.toString('latin1'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ decision: spam ? 'block' : 'allow', score: spam ? 0.9 : 0.1 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(s, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server });
}

export const rawCampaign = (url: string, seeds: string, extra = '') => `nograd-campaign: 1
name: bytes
target:
  http:
    url: ${url}/score
    body: raw
    contentType: message/rfc822
seeds: ${seeds}
tactics: [input.zero-width-characters]
seed: 3
concurrency: 2
${extra}`;
