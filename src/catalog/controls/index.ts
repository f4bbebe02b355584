/** Every control: content path, funnel layers, model hardening, process, monitoring. */
import type { Control } from '../types.js';
import { CONTENT_CONTROLS } from './content.js';
import { FUNNEL_CONTROLS } from './funnel.js';
import { HARDENING_CONTROLS } from './hardening.js';
import { MONITORING_CONTROLS } from './monitoring.js';
import { PROCESS_CONTROLS } from './process.js';

export const ALL_CONTROLS: Control[] = [
  ...CONTENT_CONTROLS,
  ...FUNNEL_CONTROLS,
  ...HARDENING_CONTROLS,
  ...PROCESS_CONTROLS,
  ...MONITORING_CONTROLS,
];
