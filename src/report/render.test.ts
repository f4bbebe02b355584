/**
 * Every renderer on a hostile analysis document: payloads in every string, ids and file paths included (a saved
 * result file can hold what the model loader would reject). Output must stay inert in its own format.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from './html/render.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import {
  EVIL,
  mailFilter,
  poison,
  sampleCampaign,
  sampleEconomics,
  sampleMonitor,
  sampleSuite,
  unsafeMarkup,
  withoutCodeSpans,
} from './testing.js';

function hostileInput() {
  const { result, loaded } = mailFilter();
  return {
    analysis: poison(result),
    model: loaded.model,
    economics: poison(sampleEconomics()),
    campaign: poison(sampleCampaign()),
    suites: [poison(sampleSuite())],
    monitor: poison(sampleMonitor()),
  };
}

describe('renderers on hostile documents', () => {
  it('unsafeMarkup finds live markup (so the checks below can fail)', () => {
    expect(unsafeMarkup('<p title="x">ok &lt;script&gt;</p>')).toEqual([]);
    expect(unsafeMarkup('<svg onload=alert(1)>')).toHaveLength(1);
    expect(unsafeMarkup('<a href=" javascript:alert(1)">x</a>')).toHaveLength(1);
    expect(unsafeMarkup('<img src=x>')).toHaveLength(1);
  });

  it('HTML: no live markup, every section still drawn', () => {
    const html = renderHtml(hostileInput());
    expect(unsafeMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    for (const id of ['economics', 'campaign', 'regression', 'monitor']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('Markdown: no tag, link, image or mention', () => {
    const full = renderMarkdown(hostileInput());
    expect(full).toContain('&lt;script');
    const md = withoutCodeSpans(full);
    expect(md).not.toMatch(/<(script|img|iframe|svg)/i);
    expect(md).not.toMatch(/(?<!\\)\]\((javascript|https?):/);
    expect(md).not.toMatch(/@everyone/);
  });

  it('JUnit: well-formed XML text only', () => {
    const xml = renderJunit(hostileInput());
    expect(xml).not.toMatch(/<(script|img|iframe|svg)/i);
    // Every attribute value is quoted and carries no raw quote or angle bracket.
    for (const m of xml.matchAll(/="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>]/);
  });

  it('SARIF and JSON: valid JSON that round-trips the payloads as data', () => {
    const input = hostileInput();
    const sarif = JSON.parse(renderSarif(input.analysis, { baseDir: '/' }));
    expect(JSON.stringify(sarif)).toContain(EVIL.slice(0, 20));
    const doc = JSON.parse(renderJson(input));
    expect(doc.system.name).toContain('<script>alert(1)</script>');
  });

  it('marks C1 controls and bidi overrides in every format (HTML, Markdown, SARIF, JUnit)', () => {
    const input = hostileInput();
    // Inside the JSON text, `\\u009B` is an escape: the parsed input holds the raw C1 character.
    const c1 = (s: string) => s.replace(/evil/g, 'ev\\u009B2Jil');
    const hostile = JSON.parse(c1(JSON.stringify(input)));
    const outputs = {
      html: renderHtml(hostile),
      md: renderMarkdown(hostile),
      sarif: renderSarif(hostile.analysis, { baseDir: '/' }),
      junit: renderJunit(hostile),
    };
    for (const [format, text] of Object.entries(outputs)) {
      expect(text, format).not.toMatch(/[\u0080-\u009F\u202E]/);
      expect(text, format).toContain('⟨U+009B⟩');
    }
  });
});

describe('Markdown tables', () => {
  it('keep their columns when ids and messages hold pipes', () => {
    const { result } = mailFilter();
    const findings = result.findings.map((f) => ({
      ...f,
      id: `${f.id}|x\\\\|y`,
      message: `a | b`,
      location: { ...f.location, file: 'a|b.yaml' },
    }));
    const md = renderMarkdown({ ...result, findings });
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    // Cell separators as GFM sees them: pipes after an even run of backslashes (none included).
    const cells = (l: string) => [...l.matchAll(/(\\*)\|/g)].filter((m) => (m[1] ?? '').length % 2 === 0).length;
    expect(table.length).toBeGreaterThan(5);
    const header = md.split('\n').find((l) => l.startsWith('| Severity | Finding'));
    const rows = table.slice(table.indexOf(header ?? '') + 2, table.indexOf(header ?? '') + 6);
    for (const row of rows) expect(cells(row)).toBe(cells(header ?? ''));
  });
});

describe('renderers on the mail-filter example', () => {
  it('are deterministic: the same input gives the same bytes', () => {
    const { result, loaded } = mailFilter();
    const input = { analysis: result, model: loaded.model, campaign: sampleCampaign() };
    expect(renderHtml(input)).toBe(renderHtml(input));
    expect(renderMarkdown(input)).toBe(renderMarkdown(input));
  });
});
