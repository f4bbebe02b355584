/** Every control: content path, funnel layers, model hardening, process, monitoring; then the domain packs. */
import type { Control } from '../types.js';
import { CONTENT_CONTROLS } from './content.js';
import { CONTENT_MODERATION_CONTROLS } from './content-moderation.js';
import { FRAUD_CONTROLS } from './fraud.js';
import { FUNNEL_CONTROLS } from './funnel.js';
import { HARDENING_CONTROLS } from './hardening.js';
import { MONITORING_CONTROLS } from './monitoring.js';
import { PROCESS_CONTROLS } from './process.js';
import { WEB_PHISHING_CONTROLS } from './web-phishing.js';

export const ALL_CONTROLS: Control[] = [
  ...CONTENT_CONTROLS,
  ...FUNNEL_CONTROLS,
  ...HARDENING_CONTROLS,
  ...PROCESS_CONTROLS,
  ...MONITORING_CONTROLS,
  ...WEB_PHISHING_CONTROLS,
  ...FRAUD_CONTROLS,
  ...CONTENT_MODERATION_CONTROLS,
];
