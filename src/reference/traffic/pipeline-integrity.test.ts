import { describe, expect, it } from 'vitest';
import { featureExtractorVersion } from '../feature-version.js';
import type { ExtractionOptions } from '../pipeline/extract.js';
import { capBody } from './pipeline-integrity.js';

const options: ExtractionOptions = {
  readHtml: true,
  normalizeConfusables: false,
  stripHiddenText: false,
  decodeNestedEncodings: false,
};

describe('feature-pipeline incidents', () => {
  it('versions the extractor by its options, whatever their order', () => {
    const v = featureExtractorVersion(options);
    expect(v).toMatch(/^fx-[0-9a-f]{12}$/);
    const reordered = Object.fromEntries(Object.entries(options).reverse()) as unknown as ExtractionOptions;
    expect(featureExtractorVersion(reordered)).toBe(v);
    expect(featureExtractorVersion({ ...options, readHtml: false })).not.toBe(v);
  });

  it('caps the body and keeps the headers (the skewed serving path)', () => {
    const raw = `Subject: hello\r\nFrom: a@example.com\r\n\r\n${'word '.repeat(200)}`;
    const capped = capBody(raw, 30);
    expect(capped.startsWith('Subject: hello\r\nFrom: a@example.com\r\n\r\n')).toBe(true);
    expect(capped.length).toBe(raw.indexOf('\r\n\r\n') + 4 + 30);
    expect(capBody('no header separator', 5)).toBe('no he');
  });
});
