/**
 * Defuses layout.hidden-good-words (and the invisible hash buster of activity.template-variation). The catalog's
 * heuristic: extract only rendered-visible text — and treat hidden text itself as a signal. oracles/visible-text.ts
 * decides visibility from inline styles (display:none, zero font size, same colour as the background, off-screen).
 */
import { words } from '../normalize.js';
import { type ContentHeuristic, finding } from './types.js';

/** Hidden words tolerated (pre-header snippets, a newsletter's same-colour copyright footer). */
export const HIDDEN_WORDS_TOLERATED = 25;

export const hiddenTextHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.hidden-text',
  name: 'Hidden text',
  summary: 'Score only the text a reader sees, and flag messages that hide more than a few words.',
  inspect(_raw, view) {
    const hidden = words(view.hiddenText.toLowerCase());
    if (hidden.length <= HIDDEN_WORDS_TOLERATED) return finding([]);
    const rules = Object.entries(view.hiddenBy)
      .filter(([, n]) => n > 0)
      .map(([rule]) => rule)
      .join(', ');
    return finding([`${hidden.length} hidden words (${rules}), e.g. ${hidden.slice(0, 6).join(' ')}`]);
  },
};
