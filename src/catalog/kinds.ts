/**
 * What each component kind is and the assumptions designers tend to make about it. The assumption phrasings
 * are chosen so that the `breaks` keywords of the tactics that defeat them match (see match.ts and its test).
 */
import type { ComponentKind } from '../model/vocabulary.js';
import type { KindInfo } from './types.js';

export const KIND_INFO: Record<ComponentKind, KindInfo> = {
  'input-source': {
    kind: 'input-source',
    name: 'Input source',
    description: 'Where items enter the system: an upload form, an SMTP endpoint, an API, a crawler.',
    typicalAssumptions: [
      'Each item is written by the account holder who submits it.',
      'Requests come from a browser operated by a human user.',
    ],
  },
  preprocessing: {
    kind: 'preprocessing',
    name: 'Preprocessing',
    description:
      'Parsing, decoding, rendering, normalising, resizing and filtering before features exist. Some items are ' +
      'decided here without ever reaching a model.',
    typicalAssumptions: [
      'Body parts are encoded at most once, so one decoding pass yields the readable text.',
      'The extracted text is what the user sees.',
      'Text arrives in Unicode normal form (NFC).',
    ],
  },
  'feature-extraction': {
    kind: 'feature-extraction',
    name: 'Feature extraction',
    description: 'Turns preprocessed data into the features a model reads: tokens, n-grams, image embeddings, counts.',
    typicalAssumptions: [
      'A word reaches the tokenizer as one contiguous run of letters.',
      'Images are ignored; all meaningful content is text.',
    ],
  },
  model: {
    kind: 'model',
    name: 'Model',
    description: 'A learned classifier or scorer (shallow or deep). Usually only one component of the funnel.',
    typicalAssumptions: [
      'Attackers cannot query the model and scores are not visible to them.',
      'The logo matcher recognises a brand from its logo.',
    ],
  },
  'post-processing': {
    kind: 'post-processing',
    name: 'Post-processing',
    description: 'Calibrates, combines or explains model outputs before a policy uses them.',
    typicalAssumptions: ['Scores are calibrated and only operators see them.'],
  },
  policy: {
    kind: 'policy',
    name: 'Decision policy',
    description:
      'Turns scores and signals into actions: block, allow, review, rate-limit, challenge, or wait and see. The ' +
      'same input can get different responses at different times.',
    typicalAssumptions: [
      'Only a small share of traffic lands in the review band.',
      'The threshold separates abuse from benign traffic.',
    ],
  },
  'human-review': {
    kind: 'human-review',
    name: 'Human review',
    description: 'Analysts who triage uncertain items; their verdicts often become labels.',
    typicalAssumptions: ['Review capacity covers the review band on every day.'],
  },
  feedback: {
    kind: 'feedback',
    name: 'Feedback',
    description: 'User reports, appeals and engagement signals that the system acts on or learns from.',
    typicalAssumptions: [
      'Users report honestly, and each report is independent.',
      'Engagement (opens, replies) shows that recipients want the mail.',
    ],
  },
  'training-data': {
    kind: 'training-data',
    name: 'Training data',
    description: 'The samples and labels models are trained and retrained on, and the jobs that assemble them.',
    typicalAssumptions: [
      'Labels from user reports are clean enough to train on without review.',
      'The public corpus we collected from is not attacker-controlled.',
    ],
  },
  logging: {
    kind: 'logging',
    name: 'Logging',
    description: 'Records of decisions, inputs and events; what monitoring and forensics rely on.',
    typicalAssumptions: ['Logs are complete enough to reconstruct how an item was decided.'],
  },
  storage: {
    kind: 'storage',
    name: 'Storage',
    description: 'Where models, datasets, features and configuration are kept.',
    typicalAssumptions: ['Only the training pipeline writes the model artifacts that serving loads.'],
  },
  dependency: {
    kind: 'dependency',
    name: 'Dependency',
    description: 'Third-party libraries, pre-trained models, public datasets and external services.',
    typicalAssumptions: ['Pinned dependencies do not change, and the public dataset or pre-trained model is benign.'],
  },
  'account-identity': {
    kind: 'account-identity',
    name: 'Account / identity',
    description:
      'Sign-up, login, tokens and reputation: decides whether an entity obtained its write permission legitimately.',
    typicalAssumptions: [
      'Each account creation is done by a human solving the challenge.',
      'Account age signals trust: an old account with good reputation belongs to a legitimate sender.',
    ],
  },
  'activity-monitor': {
    kind: 'activity-monitor',
    name: 'Activity monitor',
    description: 'Rate limits and behavioural detectors over volume, speed, action mix and social-graph use.',
    typicalAssumptions: [
      'Spam is only profitable at volume, so capping messages per sender per hour stops campaigns.',
      'A campaign sends one template from one sender.',
    ],
  },
};
