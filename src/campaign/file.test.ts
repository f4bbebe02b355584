import { describe, expect, it } from 'vitest';
import { VARIANTS } from '../reference/training.js';
import { REFERENCE_VARIANTS } from '../targets/reference.js';
import { exposesOf } from '../targets/registry.js';
import { CampaignFileError, type CampaignVocabulary, campaignHash, loadCampaign } from './file.js';

const VOCAB: CampaignVocabulary = {
  tacticIds: ['input.confusable-characters', 'layout.hidden-good-words', 'access.account-rotation'],
};

const GOOD = `nograd-campaign: 1
name: small
target:
  reference:
    model: lr
seeds:
  corpus: spam
  count: 5
tactics:
  - input.confusable-characters
  - id: layout.hidden-good-words
    params: { words: 20 }
hardening: [stripHiddenText]
`;

function load(text: string, vocab = VOCAB) {
  return loadCampaign('/tmp/c/campaign.yaml', vocab, {}, text);
}

function problems(text: string, vocab = VOCAB): string {
  try {
    load(text, vocab);
  } catch (e) {
    if (e instanceof CampaignFileError) return e.message;
    throw e;
  }
  throw new Error('expected the campaign file to be rejected');
}

describe('loadCampaign', () => {
  it('accepts a minimal file and fills defaults', () => {
    const c = load(GOOD);
    expect(c.config.target.reference).toEqual({ model: 'lr', hardening: [] });
    expect(c.config.tactics[0]).toEqual({ id: 'input.confusable-characters', params: {} });
    expect(c.config.tactics[1]?.params).toEqual({ words: 20 });
    expect(c.config.search).toEqual({ single: true, compositions: false });
    expect(c.config.repeats).toBe(1);
    expect(c.config.evasion.when).toBe('allowed');
    expect(c.baseDir).toBe('/tmp/c');
    expect(c.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('points at an unknown field with its line and column and a suggestion', () => {
    const msg = problems(GOOD.replace('  count: 5', '  count: 5\n  cout: 3'));
    expect(msg).toMatch(/campaign\.yaml:9:3: error: unknown field 'cout' in seeds/);
    expect(msg).toMatch(/did you mean 'count'\?/);
  });

  it('reports unknown fields inside a tactic written as a mapping', () => {
    const msg = problems(GOOD.replace('    params: { words: 20 }', '    parms: { words: 20 }'));
    expect(msg).toMatch(/:12:5: error: unknown field 'parms' in tactics\[1\]/);
    expect(msg).toMatch(/did you mean 'params'\?/);
  });

  it('rejects an unknown tactic id with a suggestion, at the id itself', () => {
    const msg = problems(GOOD.replace('  - input.confusable-characters', '  - input.confusable-charactrs'));
    expect(msg).toMatch(/:10:5: error: unknown tactic 'input.confusable-charactrs'/);
    expect(msg).toMatch(/did you mean 'input.confusable-characters'/);
  });

  it('rejects a bad hardening switch with the allowed values', () => {
    const msg = problems(GOOD.replace('[stripHiddenText]', '[stripHiddenTxt]'));
    expect(msg).toMatch(/:13:13: error: 'stripHiddenTxt' is not allowed in hardening\[0\]/);
    expect(msg).toMatch(/did you mean 'stripHiddenText'/);
  });

  it('requires exactly one target kind and one sample source', () => {
    const two = problems(GOOD.replace('    model: lr', '    model: lr\n  module:\n    path: x.mjs'));
    expect(two).toMatch(/exactly one of reference, http, command, module \(got reference, module\)/);
    const none = problems(GOOD.replace('  corpus: spam\n', ''));
    expect(none).toMatch(/exactly one of `corpus:` or `files:`/);
  });

  it('reads mail sources with exclude lists and samples, and places their mistakes', () => {
    const files = GOOD.replace(
      'seeds:\n  corpus: spam\n  count: 5',
      'seeds:\n  files: [mail, archive.mbox]\n  format: auto\n  exclude: [mail/a.eml, { file: trained.txt }]\n  count: 4\n  sample: stratified',
    );
    const c = load(files).config.seeds;
    expect(c.exclude).toEqual(['mail/a.eml', { file: 'trained.txt' }]);
    expect(c.sample).toBe('stratified');
    const typo = problems(files.replace('  format: auto', '  formt: mbox'));
    expect(typo).toMatch(/campaign\.yaml:\d+:\d+: .*formt/);
    expect(typo).toMatch(/did you mean 'format'\?/);
    const corpus = problems(GOOD.replace('  count: 5', '  count: 5\n  exclude: [x]'));
    expect(corpus).toMatch(/campaign\.yaml:9:\d+: error: `exclude:` applies to `files:`/);
    expect(problems(files.replace('  count: 4\n', ''))).toMatch(/`sample: stratified` needs `count:`/);
    expect(problems(files.replace('format: auto', 'format: pst'))).toMatch(
      /'auto', 'eml', 'mbox' or 'maildir'|auto.*eml.*mbox.*maildir/,
    );
  });

  it('reports a missing required field at its parent', () => {
    const msg = problems(GOOD.replace('name: small\n', ''));
    expect(msg).toMatch(/:1:1: error: missing required field 'name'/);
  });

  it('reports every problem at once', () => {
    const msg = problems(
      `${GOOD.replace('  cout', '').replace('count: 5', 'count: -5').replace('repeats', 'x')}repeat: 2\n`,
    );
    expect(msg).toMatch(/2 problems found/);
  });

  it('refuses a duplicate tactic name and a hardening comparison without switches to flip', () => {
    const dup = problems(GOOD.replace('tactics:\n', 'tactics:\n  - layout.hidden-good-words\n'));
    expect(dup).toMatch(/tactic 'layout.hidden-good-words' is listed twice/);
    const http = problems(GOOD.replace('  reference:\n    model: lr', '  http:\n    url: http://127.0.0.1:1/x'));
    expect(http).toMatch(/hardening comparison needs the reference target/);
  });

  it('checks that a response mapping can produce a decision and that score evasion has a score', () => {
    const base = GOOD.replace(
      '  reference:\n    model: lr',
      '  http:\n    url: http://127.0.0.1:1/x\n    response:\n      score: $.p',
    ).replace('hardening: [stripHiddenText]\n', 'evasion:\n  when: score-below\n  scoreBelow: 0.1\n');
    expect(problems(base)).toMatch(/cannot tell a decision/);
    const ok = load(base.replace('      score: $.p', '      score: $.p\n      blockAtScore: 0.5'));
    expect(exposesOf(ok.config.target)).toEqual(['decision', 'score']);
    const noScore = problems(
      base
        .replace('      score: $.p', '      decision: $.d')
        .replace('    response:', '    exposes: [decision]\n    response:'),
    );
    expect(noScore).toMatch(/evasion by score needs a target that exposes a score/);
  });

  it('states thresholds in the target’s units and checks the evasion direction against its scale', () => {
    const http = (response: string, evasion: string) =>
      GOOD.replace(
        '  reference:\n    model: lr',
        `  http:\n    url: http://127.0.0.1:1/x\n    response:\n${response}`,
      ).replace('hardening: [stripHiddenText]\n', `evasion:\n${evasion}`);
    const points =
      '      score: $.score\n      scoreScale: {unit: points}\n      blockAtScore: 5\n      tagAtScore: 3\n';
    expect(load(http(points, '  when: score-below\n  scoreBelow: 3\n')).config.evasion).toMatchObject({
      scoreBelow: 3,
    });
    expect(problems(http('      score: $.score\n      blockAtScore: 5\n', '  when: delivered\n'))).toMatch(
      /blockAtScore: 5 is not a probability/,
    );
    expect(
      problems(http('      score: $.p\n      blockAtScore: 0.5\n', '  when: score-below\n  scoreBelow: 3\n')),
    ).toMatch(/scoreBelow: 3 is not a probability/);
    const trust =
      '      score: $.t\n      scoreScale: {unit: other, direction: higher-is-benign}\n      blockAtScore: 20\n';
    expect(problems(http(trust, '  when: score-below\n  scoreBelow: 30\n'))).toMatch(
      /higher-is-benign: an evasion moves the score up[\s\S]*score-above/,
    );
    expect(load(http(trust, '  when: score-above\n  scoreAbove: 30\n')).config.evasion.when).toBe('score-above');
  });

  it('takes boolean answer labels as plain YAML keys', () => {
    const yaml = GOOD.replace(
      '  reference:\n    model: lr',
      '  http:\n    url: http://127.0.0.1:1/x\n    response:\n      label: $.spam\n      labels: { true: block, false: allow }',
    ).replace('hardening: [stripHiddenText]\n', '');
    expect(load(yaml).config.target.http?.response?.labels).toEqual({ true: 'block', false: 'allow' });
  });

  it('checks components against the system model when one is known', () => {
    const msg = problems(`${GOOD}components: [spam-modle]\n`, { ...VOCAB, componentIds: ['spam-model', 'tokenizer'] });
    expect(msg).toMatch(/unknown component 'spam-modle'/);
    expect(msg).toMatch(/did you mean 'spam-model'/);
  });

  it('hashes what decides results, not how fast they come', () => {
    const a = load(GOOD).config;
    const b = load(`${GOOD}concurrency: 16\nrateLimit: 5\n`).config;
    const c = load(`${GOOD}seed: 9\n`).config;
    expect(campaignHash(a)).toBe(campaignHash(b));
    expect(campaignHash(a)).not.toBe(campaignHash(c));
    expect(loadCampaign('/tmp/c/campaign.yaml', VOCAB, { seed: 9 }, GOOD).hash).toBe(campaignHash(c));
  });

  it('knows the reference system variants', () => {
    expect([...REFERENCE_VARIANTS]).toEqual([...VARIANTS]);
  });

  it('reports YAML syntax errors with positions', () => {
    expect(problems('nograd-campaign: 1\nname: [unclosed\n')).toMatch(/campaign\.yaml:\d+:\d+: error: YAML syntax/);
  });
});
