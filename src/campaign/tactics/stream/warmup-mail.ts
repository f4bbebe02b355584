/**
 * Benign warm-up mail: short office small talk an account sends while it earns reputation. Built from the benign
 * sentence lists so it carries no payload and no lure.
 */

import { pick, sample } from '../rng.js';
import type { Rng } from '../types.js';
import { BENIGN_PARAGRAPHS, FIRST_NAMES, WARMUP_SUBJECTS } from '../words/benign-text.js';

export function warmupMessage(rng: Rng, account: string, at: number, n: number): string {
  const name = pick(rng, FIRST_NAMES);
  const local = account.replace(/[^A-Za-z0-9._-]/g, '-').toLowerCase();
  const body = sample(rng, BENIGN_PARAGRAPHS, 2).join('\r\n\r\n');
  return [
    `From: ${local}@mail.example`,
    `To: ${name.toLowerCase()}@example.org`,
    `Subject: ${pick(rng, WARMUP_SUBJECTS)}`,
    `Date: ${new Date(at).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <warmup-${n}-${local}@mail.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    'Content-Transfer-Encoding: 7bit',
    '',
    `Hi ${name},`,
    '',
    body,
    '',
    'Best regards',
    '',
  ].join('\r\n');
}
