/**
 * Defuses layout.text-as-image. The catalog's heuristic: OCR images, and treat a message that is mostly image with
 * little text as a signal. The reader view already "OCRs" SVG images (their text elements); the heuristic fires on
 * the shape — an image and almost no text of its own — and reports the text the image shows, which a hardened
 * filter scores like body text.
 */
import { words } from '../normalize.js';
import { type ContentHeuristic, finding } from './types.js';

export const MIN_OWN_WORDS = 20;

export const imageHeavyHeuristic: ContentHeuristic = {
  kind: 'content',
  id: 'heuristic.image-heavy',
  name: 'Mostly image, little text',
  summary: 'Flag messages whose body is an image with fewer than 20 words of text; OCR the image and score its text.',
  inspect(_raw, view) {
    if (view.images === 0) return finding([]);
    const own = words(view.bodyVisibleText.toLowerCase()).length;
    if (own >= MIN_OWN_WORDS) return finding([]);
    const ocr =
      view.svgImages > 0 ? `; the image reads ${words(view.visibleText.toLowerCase()).length - own} words` : '';
    return finding([`${view.images} image(s) and only ${own} words of text${ocr}`]);
  },
};
