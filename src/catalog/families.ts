/** The seven tactic families: what each is about and which id prefixes its tactics use. */
import type { FamilyInfo, TacticFamily } from './types.js';

export const FAMILY_INFO: Record<TacticFamily, FamilyInfo> = {
  'input-transformation': {
    family: 'input-transformation',
    name: 'Input transformation',
    summary:
      'Rewrite the content so a human or a browser still gets the same meaning while the parser, normaliser or ' +
      'feature extractor sees something else: look-alike characters, invisible characters, encodings, carriers.',
    idPrefixes: ['input'],
  },
  layout: {
    family: 'layout',
    name: 'Layout change',
    summary:
      'Domain-specific changes to how a mail, web page, link or image is laid out: the anti-OCR logo tricks of ' +
      'real phishing pages, hidden or image-only text, MIME structure games and link obfuscation.',
    idPrefixes: ['layout', 'url'],
  },
  'access-abuse': {
    family: 'access-abuse',
    name: 'Access abuse',
    summary:
      'Obtain write permission the system trusts: new, aged, bought or stolen accounts and tokens, or a poisoned ' +
      'third-party artifact that the pipeline pulls in on its own (supply chain).',
    idPrefixes: ['access'],
  },
  automation: {
    family: 'automation',
    name: 'Automation',
    summary: 'Make scripted actions look like people: outsourced challenge solving, headless browsers, proxy pools.',
    idPrefixes: ['automation'],
  },
  'activity-shaping': {
    family: 'activity-shaping',
    name: 'Activity shaping',
    summary:
      'Shape volume, timing and variety so behaviour-based detectors see ordinary users: pacing, template ' +
      'variation, fan-out across senders, mimicry, and flooding the review queue.',
    idPrefixes: ['activity'],
  },
  'feedback-abuse': {
    family: 'feedback-abuse',
    name: 'Feedback-loop abuse',
    summary:
      'Write into the paths by which data flows back into the system: user reports, engagement signals and the ' +
      'public sources that training data is collected from.',
    idPrefixes: ['feedback'],
  },
  'model-level': {
    family: 'model-level',
    name: 'Model-level (for contrast)',
    summary:
      'Gradient-, score- and decision-based optimisation against the model, as most research assumes. Kept so ' +
      'analysis can show how much dearer it is than the practical families.',
    idPrefixes: ['model'],
  },
};
