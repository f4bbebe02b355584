/** Every tactic, in family order (the order of TACTIC_FAMILIES), then as listed in each family file. */
import type { Tactic } from '../types.js';
import { ACCESS_TACTICS } from './access.js';
import { ACTIVITY_TACTICS } from './activity.js';
import { AUTOMATION_TACTICS } from './automation.js';
import { FEEDBACK_TACTICS } from './feedback.js';
import { INPUT_TACTICS } from './input.js';
import { LAYOUT_TACTICS } from './layout.js';
import { MODEL_TACTICS } from './model.js';
import { URL_TACTICS } from './url.js';

export const ALL_TACTICS: Tactic[] = [
  ...INPUT_TACTICS,
  ...LAYOUT_TACTICS,
  ...URL_TACTICS,
  ...ACCESS_TACTICS,
  ...AUTOMATION_TACTICS,
  ...ACTIVITY_TACTICS,
  ...FEEDBACK_TACTICS,
  ...MODEL_TACTICS,
];
