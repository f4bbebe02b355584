/**
 * Planted evasive campaigns (`--inject evasive-campaigns`): ground truth for scoring near-miss mining.
 *
 * Six operators, each with one tactic family, their own templates, senders and pacing. Before sending, each tunes
 * its tactic offline against the model as it stands (the attacker's own testing: more obfuscation or padding until
 * test copies score under its aim), so some of its mail really gets past the model and some does not — a campaign
 * whose every copy is blocked would be useless as ground truth. Every planted message's id, input hash, decision
 * and score go into `events.json`, so `nograd traces evaluate` can tell a find from noise.
 *
 *   zero-width         zero-width spaces inside a share of the words: the tokenizer sees one-letter fragments
 *   confusable         Cyrillic look-alikes for Latin letters in a share of the words: tokens the model never saw
 *   leetspeak          digits for letters in a share of the words ("fr33", "0ff3r")
 *   hidden-good-words  a `display:none` block of good words (visible text kept short for plain-text templates)
 *   image-only         the pitch moves into an image attachment; a one-line text part and the subject remain
 *   slow-drip          visible good-word padding, one message per aged account per day, around the clock
 *
 * Kept out of `--inject all` (which plants the incident kinds the monitor is scored on): ask for it by name.
 */
import type { SeededRandom } from '../../util/random.js';
import { DAY_MS, HOUR_MS } from '../../util/time.js';
import type { CorpusMessage } from '../corpus.js';
import type { FunnelOutcome } from '../system.js';
import { type AccountFactory, documentationIp, type SimAccount } from './accounts.js';
import {
  headerValue,
  joinMessage,
  type SimpleBodyKind,
  setHeader,
  simpleBodyKind,
  splitMessage,
} from './mail-format.js';
import type { InjectionKind } from './options.js';
import type { BenignPopulation, PlanContext } from './population.js';
import { type Slot, timesBetween } from './slot.js';
import { spamVariant, wordSalad } from './variation.js';

export const EVASION_TACTICS = [
  'zero-width',
  'confusable',
  'leetspeak',
  'hidden-good-words',
  'image-only',
  'slow-drip',
] as const;
export type EvasionTactic = (typeof EVASION_TACTICS)[number];

/** The shape of the run (as injections.ts's RunShape; declared here so the two files do not import each other). */
export interface EvasiveRunShape {
  start: number;
  days: number;
  perDay: number;
}

/** The attacker's offline test: the current model's score for a message (no funnel state is touched). */
export type OfflineScorer = (raw: string) => Promise<{ score: number }>;

export interface PlantedMessage {
  id: string;
  inputHash: string;
  decision: string;
  score: number | null;
  at: string;
}

/** A campaign's line in events.json. */
export interface EvasiveCampaignRecord {
  kind: InjectionKind;
  start: string;
  end: string;
  accounts: string[];
  sourceIps: string[];
  description: string;
  campaign: string;
  tactic: EvasionTactic;
  templates: string[];
  /** How hard the tactic is applied (share of words, or good words), as tuned offline. */
  intensity: number;
  /** The score the operator tuned its test copies to stay under. */
  aim: number;
  /** Mean offline score of the tuned test copies. */
  testedScore: number;
  pacing: string;
  messages: number;
  delivered: number;
  planted: PlantedMessage[];
  [detail: string]: unknown;
}

interface Operator {
  tactic: EvasionTactic;
  /** First day as a share of the run, and active days. */
  startShare: number;
  activeDays: number;
  /** Share of a day's volume while active. */
  share: number;
  accounts: number;
  /** Account age when first used, days: young (bought yesterday) or aged (bought aged, dearer). */
  ageDays: readonly [number, number];
  pacing: 'burst' | 'office-hours' | 'drip';
  templates: number;
  /** Score the operator tunes its test copies to stay under (the funnel allows below the review band). */
  aim: number;
  /** The template family it draws from. */
  wants: 'html' | 'text' | 'any';
}

const OPERATORS: readonly Operator[] = [
  {
    tactic: 'zero-width',
    startShare: 0.1,
    activeDays: 4,
    share: 0.012,
    accounts: 6,
    ageDays: [1, 4],
    pacing: 'burst',
    templates: 2,
    aim: 0.2,
    wants: 'any',
  },
  {
    tactic: 'confusable',
    startShare: 0.25,
    activeDays: 5,
    share: 0.01,
    accounts: 5,
    ageDays: [60, 400],
    pacing: 'office-hours',
    templates: 3,
    aim: 0.3,
    wants: 'any',
  },
  {
    tactic: 'leetspeak',
    startShare: 0.4,
    activeDays: 3,
    share: 0.012,
    accounts: 8,
    ageDays: [2, 10],
    pacing: 'burst',
    templates: 2,
    aim: 0.25,
    wants: 'any',
  },
  {
    tactic: 'hidden-good-words',
    startShare: 0.55,
    activeDays: 4,
    share: 0.01,
    accounts: 4,
    ageDays: [90, 700],
    pacing: 'office-hours',
    templates: 2,
    aim: 0.3,
    wants: 'html',
  },
  {
    tactic: 'image-only',
    startShare: 0.7,
    activeDays: 3,
    share: 0.008,
    accounts: 6,
    ageDays: [1, 5],
    pacing: 'burst',
    templates: 2,
    aim: 0.2,
    wants: 'any',
  },
  {
    tactic: 'slow-drip',
    startShare: 0.15,
    activeDays: 10,
    share: 0.004,
    accounts: 12,
    ageDays: [120, 900],
    pacing: 'drip',
    templates: 3,
    aim: 0.3,
    wants: 'text',
  },
];

const ZERO_WIDTH = '\u200b';
const CONFUSABLE: Record<string, string> = { a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', i: 'і', y: 'у' };
const LEET: Record<string, string> = { a: '4', e: '3', o: '0', i: '1', s: '5', t: '7' };
/** Intensities the operator tries, weakest first (share of words; good words for the padding tactics). */
const SHARES = [0.25, 0.4, 0.55, 0.7, 0.85, 1];
const PADDING = [20, 40, 70, 100, 140, 200];
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Apply `f` to each word of 4+ letters in the text parts of a body (HTML tags and entities left alone). */
function mapWords(body: string, kind: SimpleBodyKind, f: (word: string) => string): string {
  const onText = (text: string) => text.replace(/[A-Za-z]{4,}/g, f);
  if (kind === 'text') return onText(body);
  return body
    .split(/(<[^>]*>|&[#a-zA-Z0-9]+;)/)
    .map((part) => (part.startsWith('<') || part.startsWith('&') ? part : onText(part)))
    .join('');
}

function obfuscator(tactic: EvasionTactic, share: number, rng: SeededRandom): (word: string) => string {
  return (word) => {
    if (!rng.chance(share)) return word;
    if (tactic === 'zero-width') return [...word].join(ZERO_WIDTH);
    const table = tactic === 'confusable' ? CONFUSABLE : LEET;
    let changed = false;
    const out = [...word].map((ch) => {
      const sub = table[ch.toLowerCase()];
      if (sub && (!changed || rng.chance(0.5))) {
        changed = true;
        return sub;
      }
      return ch;
    });
    return out.join('');
  };
}

/** One copy of a template with the tactic applied at `intensity`, addressed like any other message. */
export function evasiveVariant(
  tactic: EvasionTactic,
  template: string,
  intensity: number,
  envelope: { at: number; sequence: number; recipient: string },
  goodWords: readonly string[],
  rng: SeededRandom,
): string {
  // The hash-buster line of variation level 1 keeps copies apart for the bulk detector.
  const base = splitMessage(spamVariant(template, 1, envelope, goodWords, rng));
  const kind = simpleBodyKind(base);
  if (!kind) return joinMessage(base);
  if (tactic === 'zero-width' || tactic === 'confusable' || tactic === 'leetspeak') {
    const f = obfuscator(tactic, intensity, rng);
    const subject = headerValue(base, 'subject') ?? '';
    const m = setHeader(base, 'Subject', subject.replace(/[A-Za-z]{4,}/g, f));
    return joinMessage({ headers: m.headers, body: mapWords(m.body, kind, f) });
  }
  if (tactic === 'hidden-good-words') {
    const hidden = `<div style="display:none">${wordSalad(goodWords, Math.round(intensity), rng)}</div>`;
    const body =
      kind === 'html' ? base.body.replace(/<\/body>/i, (close) => `${hidden}${close}`) : `${base.body}\n${hidden}\n`;
    return joinMessage({ headers: base.headers, body: body.includes(hidden) ? body : `${body}${hidden}` });
  }
  if (tactic === 'slow-drip') {
    return joinMessage({
      headers: base.headers,
      body:
        kind === 'html'
          ? base.body.replace(
              /<\/body>|$/i,
              (close) => `<p>${wordSalad(goodWords, Math.round(intensity), rng)}</p>${close}`,
            )
          : `${base.body.replace(/\s*$/, '')}\n\n${wordSalad(goodWords, Math.round(intensity), rng)}\n`,
    });
  }
  // image-only: the pitch is in the picture; the text says little, in ordinary words.
  const boundary = `=_img_${envelope.sequence}`;
  const headers = base.headers.filter((h) => h.name !== 'content-type' && h.name !== 'content-transfer-encoding');
  const withType = setHeader({ headers, body: '' }, 'Content-Type', `multipart/mixed; boundary="${boundary}"`).headers;
  const line = wordSalad(goodWords, Math.max(3, Math.round(intensity)), rng);
  const body = [
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    line,
    '',
    `--${boundary}`,
    'Content-Type: image/png; name="offer.png"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="offer.png"',
    '',
    TINY_PNG,
    `--${boundary}--`,
    '',
  ].join('\n');
  return joinMessage({ headers: withType, body });
}

/** One operator's campaign: tuned offline, then sent on its days; records what became of each copy. */
class EvasiveCampaign {
  readonly kind: InjectionKind = 'evasive-campaigns';
  readonly name: string;
  private readonly firstDay: number;
  private readonly lastDay: number;
  private readonly accounts: SimAccount[] = [];
  private readonly ips: string[];
  private readonly planted: PlantedMessage[] = [];
  private firstAt = Number.POSITIVE_INFINITY;
  private lastAt = 0;

  constructor(
    index: number,
    private readonly op: Operator,
    private readonly shape: EvasiveRunShape,
    private readonly templates: readonly CorpusMessage[],
    private readonly intensity: number,
    private readonly testedScore: number,
    factory: AccountFactory,
    private readonly rng: SeededRandom,
  ) {
    this.name = `evasive-${String(index + 1).padStart(2, '0')}-${op.tactic}`;
    this.firstDay = Math.min(shape.days - 1, Math.floor(shape.days * op.startShare));
    this.lastDay = Math.min(shape.days - 1, this.firstDay + op.activeDays - 1);
    this.ips = Array.from({ length: op.pacing === 'drip' ? op.accounts : 2 }, () => documentationIp(rng, true));
    const firstUse = shape.start + this.firstDay * DAY_MS;
    for (let i = 0; i < op.accounts; i++) {
      const age = rng.int(op.ageDays[0], op.ageDays[1]);
      this.accounts.push(
        factory.create(
          `ev${index + 1}`,
          'campaign',
          firstUse - age * DAY_MS - rng.int(1, 20) * HOUR_MS,
          this.ips[i % this.ips.length],
        ),
      );
    }
  }

  private times(n: number, dayStart: number): number[] {
    const float = () => this.rng.float();
    if (this.op.pacing === 'drip') return timesBetween(n, dayStart, dayStart + DAY_MS, float);
    if (this.op.pacing === 'office-hours')
      return timesBetween(n, dayStart + 8 * HOUR_MS, dayStart + 18 * HOUR_MS, float);
    const from = dayStart + this.rng.int(6, 18) * HOUR_MS;
    return timesBetween(n, from, from + 2 * HOUR_MS, float);
  }

  slots(day: number, population: BenignPopulation, ctx: PlanContext): Slot[] {
    if (day < this.firstDay || day > this.lastDay) return [];
    // A drip sends at most one message per account per day.
    const wanted = Math.max(3, Math.round(this.shape.perDay * this.op.share));
    const n = this.op.pacing === 'drip' ? Math.min(this.accounts.length, wanted) : wanted;
    const senders = this.op.pacing === 'drip' ? this.rng.shuffle([...this.accounts]) : this.accounts;
    return this.times(n, ctx.dayStart).map((at, i) => {
      const recipient = population.pickRecipient(this.rng);
      const template = this.templates[i % this.templates.length] as CorpusMessage;
      return {
        at,
        kind: 'campaign',
        sender: senders[i % senders.length] as SimAccount,
        recipient,
        truth: 'spam',
        campaign: this.name,
        raw: evasiveVariant(
          this.op.tactic,
          template.raw,
          this.intensity,
          { at, sequence: ctx.nextSequence(), recipient: recipient.id },
          ctx.pools.goodWords,
          this.rng,
        ),
        observe: (o: FunnelOutcome) => {
          this.firstAt = Math.min(this.firstAt, o.at);
          this.lastAt = Math.max(this.lastAt, o.at);
          this.planted.push({
            id: o.id,
            inputHash: o.inputHash,
            decision: o.decision,
            score: o.score,
            at: new Date(o.at).toISOString(),
          });
        },
      } satisfies Slot;
    });
  }

  record(): EvasiveCampaignRecord {
    const start = Number.isFinite(this.firstAt) ? this.firstAt : this.shape.start + this.firstDay * DAY_MS;
    const pacing = {
      burst: 'bursts of two hours, all accounts',
      'office-hours': 'spread over 08:00–18:00',
      drip: 'one message per account per day, around the clock',
    }[this.op.pacing];
    return {
      kind: 'evasive-campaigns',
      start: new Date(start).toISOString(),
      end: new Date(Math.max(this.lastAt, start) + 1).toISOString(),
      accounts: this.accounts.map((a) => a.id),
      sourceIps: [...new Set(this.ips)],
      campaign: this.name,
      tactic: this.op.tactic,
      templates: this.templates.map((t) => t.id),
      intensity: this.intensity,
      aim: this.op.aim,
      testedScore: Math.round(this.testedScore * 1e4) / 1e4,
      pacing,
      messages: this.planted.length,
      delivered: this.planted.filter((p) => p.decision === 'allow').length,
      planted: this.planted,
      description: `${this.op.tactic} campaign: ${this.templates.length} templates from ${this.accounts.length} accounts, tuned offline to score under ${this.op.aim}.`,
    };
  }
}

/**
 * Tune and plan the six campaigns. Each operator shortlists templates of its kind, tries its tactic at rising
 * intensity on a few test copies per template, and keeps the templates that reach its aim at the weakest intensity
 * (or, if none does, the best it found: some campaigns then mostly fail, as real ones do).
 */
export async function planEvasiveCampaigns(
  shape: EvasiveRunShape,
  editableSpam: readonly CorpusMessage[],
  goodWords: readonly string[],
  scorer: OfflineScorer,
  factory: AccountFactory,
  rng: SeededRandom,
): Promise<EvasiveCampaign[]> {
  const out: EvasiveCampaign[] = [];
  const used = new Set<string>();
  for (const [index, op] of OPERATORS.entries()) {
    const r = rng.fork(op.tactic);
    const ofKind = editableSpam.filter((m) => {
      if (used.has(m.id)) return false;
      const kind = simpleBodyKind(splitMessage(m.raw));
      return op.wants === 'any' || kind === op.wants;
    });
    const shortlist = r.shuffle([...(ofKind.length ? ofKind : editableSpam)]).slice(0, op.templates * 3);
    const levels = op.tactic === 'hidden-good-words' || op.tactic === 'slow-drip' ? PADDING : SHARES;
    const levelsFor = op.tactic === 'image-only' ? [4, 8, 12] : levels;
    const tried: Array<{ template: CorpusMessage; level: number; score: number }> = [];
    for (const template of shortlist) {
      let best: { level: number; score: number } | undefined;
      for (const level of levelsFor) {
        let total = 0;
        for (let k = 0; k < 3; k++) {
          const test = evasiveVariant(
            op.tactic,
            template.raw,
            level,
            { at: shape.start, sequence: -1 - k, recipient: 'test' },
            goodWords,
            r.fork(`test-${template.id}-${level}-${k}`),
          );
          total += (await scorer(test)).score;
        }
        const score = total / 3;
        if (!best || score < best.score) best = { level, score };
        if (score < op.aim) break;
      }
      if (best) tried.push({ template, ...best });
    }
    if (tried.length === 0) continue;
    tried.sort(
      (a, b) => Number(a.score >= op.aim) - Number(b.score >= op.aim) || a.level - b.level || a.score - b.score,
    );
    const chosen = tried.slice(0, op.templates);
    const intensity = Math.max(...chosen.map((c) => c.level));
    for (const c of chosen) used.add(c.template.id);
    const testedScore = chosen.reduce((s, c) => s + c.score, 0) / chosen.length;
    out.push(
      new EvasiveCampaign(
        index,
        op,
        shape,
        chosen.map((c) => c.template),
        intensity,
        testedScore,
        factory,
        r.fork('send'),
      ),
    );
  }
  return out;
}
