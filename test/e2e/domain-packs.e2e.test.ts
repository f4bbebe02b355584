/**
 * End-to-end: the three domain-pack examples validate and analyse through the built CLI, and with their pack
 * switched on (`--packs`) the cheapest path of each named attacker is made of that pack's tactics — the tricks a
 * practitioner of the domain would name, not mail words.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

interface Step {
  tactic?: string;
}
interface AttackerEconomics {
  attacker: string;
  today: { cheapest?: { steps: Step[] } };
}

async function cheapest(model: string, packs: string): Promise<Map<string, string[]>> {
  const r = await runCli([
    'analyze',
    model,
    '--packs',
    packs,
    '--format',
    'json',
    '--no-recommendations',
    '--today',
    '2026-12-08',
  ]);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as { economics: { attackers: AttackerEconomics[] } };
  return new Map(
    doc.economics.attackers.map((a) => [
      a.attacker,
      (a.today.cheapest?.steps ?? []).flatMap((s) => (s.tactic ? [s.tactic] : [])),
    ]),
  );
}

const EXAMPLES = [
  'examples/payment-fraud/system.yaml',
  'examples/content-moderation/system.yaml',
  'examples/phishing-pages/system.yaml',
];

describe('domain packs through the CLI', () => {
  it.each(EXAMPLES)('validates %s', async (model) => {
    const r = await runCli(['validate', model]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('payment fraud: card testing with velocity shaping, synthetic accounts and mimicry, friendly fraud', async () => {
    const paths = await cheapest('examples/payment-fraud/system.yaml', 'fraud');
    expect(paths.get('card-tester')).toEqual(['automation.card-testing', 'activity.velocity-shaping']);
    const cashOut = paths.get('cash-out-fraudster') ?? [];
    expect(cashOut).toContain('access.synthetic-identity');
    expect(cashOut).toContain('activity.good-customer-mimicry');
    expect(paths.get('dispute-abuser')).toEqual(['feedback.friendly-fraud']);
  });

  it('payment fraud without the pack falls back to mail words (what issue #15 complained about)', async () => {
    const paths = await cheapest('examples/payment-fraud/system.yaml', 'mail');
    expect(paths.get('cash-out-fraudster')).toContain('activity.template-variation');
  });

  it('content moderation: hash-evading edits, leetspeak, report brigading', async () => {
    const paths = await cheapest('examples/content-moderation/system.yaml', 'content-moderation');
    const hashEdits = [
      'input.image-crop-reframe',
      'input.image-border-padding',
      'input.image-mirror-flip',
      'input.image-overlay',
    ];
    expect(hashEdits).toContain(paths.get('known-image-reuploader')?.[0]);
    expect(paths.get('abusive-poster')).toEqual(['input.leetspeak']);
    expect(paths.get('report-brigade')).toEqual(['feedback.report-brigading']);
  });

  it('phishing pages: the page phisher uses web-phishing page tricks', async () => {
    const paths = await cheapest('examples/phishing-pages/system.yaml', 'web-phishing');
    const steps = paths.get('page-phisher') ?? [];
    expect(steps).toEqual(['layout.hidden-page-text']);
    const r = await runCli(['catalog', 'tactics', '--format', 'json']);
    const tactics = (JSON.parse(r.stdout) as { tactics: { id: string; pack?: string }[] }).tactics;
    for (const id of steps) expect(tactics.find((t) => t.id === id)?.pack, id).toBe('web-phishing');
  });

  it('finds the fraud pack in the catalog by a fraud word', async () => {
    const r = await runCli(['catalog', 'tactics', '--search', 'transaction', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const ids = (JSON.parse(r.stdout) as { tactics: { id: string }[] }).tactics.map((t) => t.id);
    expect(ids).toContain('activity.good-customer-mimicry');
    expect(ids).toContain('activity.velocity-shaping');
  });

  it('rejects an unknown pack with a hint and exit code 2', async () => {
    const r = await runCli(['analyze', 'examples/payment-fraud/system.yaml', '--packs', 'fruad']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown domain pack 'fruad' for --packs \(did you mean 'fraud'\?\)/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
