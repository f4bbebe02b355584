/**
 * End-to-end: `nograd report` through the built CLI in every format, with the optional result documents, user
 * mistakes, SARIF validated against the official 2.1.0 schema, and the HTML opened in a real headless Chromium
 * (Debian's /usr/bin/chromium driven by playwright-core): no console errors, diagram and charts present, a
 * screenshot taken, and a hostile model rendered inert.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../../src/report/json.js';
import {
  EVIL,
  hostileModelYaml,
  poison,
  sampleCampaign,
  sampleEconomics,
  sampleMonitor,
  sampleSuite,
  unsafeMarkup,
  withoutCodeSpans,
} from '../../src/report/testing.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const MAIL = 'examples/mail-filter/system.yaml';
const CHROMIUM = '/usr/bin/chromium';

/** Write the sample engine documents into dir; `hostile` puts injection payloads in every string. */
function writeDocs(dir: string, hostile = false): Record<'economics' | 'campaign' | 'suite' | 'monitor', string> {
  const docs = {
    economics: sampleEconomics(),
    campaign: sampleCampaign(),
    suite: sampleSuite(),
    monitor: sampleMonitor(),
  };
  const files = {} as Record<keyof typeof docs, string>;
  for (const [k, v] of Object.entries(docs) as Array<[keyof typeof docs, unknown]>) {
    files[k] = join(dir, `${k}.json`);
    writeFileSync(files[k], JSON.stringify(hostile ? poison(v) : v));
  }
  return files;
}

function docArgs(f: ReturnType<typeof writeDocs>): string[] {
  return ['--economics', f.economics, '--campaign', f.campaign, '--suite', f.suite, '--monitor', f.monitor];
}

describe('nograd report: formats', () => {
  it('writes a self-contained HTML report with the diagram, findings and every optional section', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    const r = await runCli(['report', MAIL, ...docArgs(writeDocs(dir)), '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wrote .*report\.html \(html, [\d.]+ KB\)/);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).not.toMatch(/<script|<link|src=["']?https?:|url\(https?:/i);
    expect(html).toContain('class="diagram"');
    for (const id of ['summary', 'diagram', 'findings', 'attackers', 'economics', 'campaign', 'regression', 'monitor'])
      expect(html).toContain(`<section id="${id}">`);
    // Economics: the cheapest path is highlighted on the diagram, the charts are drawn.
    expect(html).toContain('node-path');
    expect(html).toMatch(/Pareto fronts/);
    expect(html).toMatch(/Simulated time to success: spammer/);
    expect(html).toMatch(/Predicted vs measured/);
    // Campaign: rates, evasion-vs-cost chart, the hardening comparison and a diff with the change marked.
    expect(html).toMatch(/Evasion rate vs cost per success/);
    expect(html).toMatch(/normalizeConfusables on/);
    expect(html).toContain(
      '<ins>v<span class="nonascii" title="U+0456">\u0456</span>agr<span class="nonascii" title="U+0430">\u0430</span></ins>',
    );
    expect(html).toMatch(/confusable-paypal/);
    expect(html).toMatch(/KS statistic 0\.31 above 0\.2/);
  });

  it('writes Markdown for a pull-request comment to stdout', async () => {
    const r = await runCli(['report', MAIL, '-f', 'md', '-o', '-']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^## nograd threat report: Reference mail platform abuse funnel/);
    expect(r.stdout).toMatch(/\*\*Action needed: \d+ critical/);
    expect(r.stdout).toMatch(/\| critical \| high \| medium \| low \| info \| suppressed \|/);
    expect(r.stdout).toMatch(/<details>\n<summary>Uncountered tactics per attacker<\/summary>/);
    // From a model the report carries paths, costs and recommendations, as analyze computes them.
    expect(r.stdout).toMatch(/### Cheapest path per attacker/);
    const analyzed = JSON.parse((await runCli(['analyze', MAIL, '--format', 'json'])).stdout);
    const top = analyzed.economics.recommendations.add[0].control as string;
    expect(r.stdout.slice(r.stdout.indexOf('### Top recommended controls'))).toContain(top);
    const bare = await runCli(['report', MAIL, '-f', 'md', '-o', '-', '--no-paths']);
    expect(bare.stdout).not.toMatch(/Cheapest path per attacker/);
  });

  it('writes a JSON document that validates against its published, versioned schema', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.json');
    const r = await runCli(['report', MAIL, '-f', 'json', '-o', out, '--campaign', writeDocs(dir).campaign]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.reportSchemaVersion).toBe(1);
    expect(doc.campaign.kind).toBe('nograd-campaign-result');
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(reportJsonSchema());
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The same schema comes out of the CLI for editors and consumers.
    const s = await runCli(['report', '--print-schema']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).$id).toBe('urn:nograd:schema:report:1');
  });

  it('writes SARIF 2.1.0 that the official schema accepts, pointing at file:line:col in the model', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.sarif');
    // From a saved analysis: the analysis runs once, and its positions are what SARIF must point at.
    const saved = join(dir, 'analysis.json');
    expect((await runCli(['analyze', MAIL, '--format', 'json', '-o', saved])).code).toBe(0);
    const analysis = JSON.parse(readFileSync(saved, 'utf8'));
    const r = await runCli(['report', '--analysis', saved, '-f', 'sarif', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
    );
    // The official schema names itself with draft-04 `id`; Ajv (draft-07) wants `$id`. Nothing else changes.
    const { id, $schema: _draft, ...rest } = schema;
    const validate = new Ajv({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false }).compile({
      $id: id,
      ...rest,
    });
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0].results as Array<{
      ruleId: string;
      level: string;
      locations: Array<{
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
      }>;
    }>;
    expect(results.length).toBeGreaterThan(10);
    // Each location is a real line:col of the YAML the finding came from, as the analysis result says.
    const lines = readFileSync(join(ROOT, MAIL), 'utf8').split('\n');
    const first = results.find((x) => x.locations[0]?.physicalLocation.artifactLocation.uri === MAIL);
    expect(first).toBeDefined();
    const region = first?.locations[0]?.physicalLocation.region;
    expect(region?.startLine).toBeGreaterThan(0);
    expect(region?.startLine).toBeLessThanOrEqual(lines.length);
    const f = analysis.findings.find(
      (x: { location: { file: string; line: number; col: number } }) =>
        x.location.file.endsWith(MAIL) &&
        x.location.line === region?.startLine &&
        x.location.col === region?.startColumn,
    );
    expect(f).toBeDefined();
    expect(new Set(results.map((x) => x.level))).toEqual(new Set(['error', 'warning', 'note']));
    // The HTML from the same saved analysis finds the model named in it and draws the diagram.
    const html = join(dir, 'r.html');
    const h = await runCli(['report', '--analysis', saved, '-o', html]);
    expect(h.code, h.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('class="diagram"');
  });

  it('writes JUnit XML with the regression suite, and gates with --fail-on', async () => {
    const dir = tempDir();
    const out = join(dir, 'junit.xml');
    const r = await runCli([
      'report',
      MAIL,
      '-f',
      'junit',
      '-o',
      out,
      '--suite',
      writeDocs(dir).suite,
      '--fail-on',
      'high',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\d+ findings at or above high/);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="nograd mail-filter"/);
    expect(xml).toMatch(/<testsuite name="mined-evasions"[^>]* tests="3" failures="1" errors="0" skipped="1"/);
    expect(xml).toMatch(/<failure message="expected block, got deliver \(score 0\.21\)"/);
  });
});

// Independent child processes in their own temp directories: run them side by side.
describe.concurrent('nograd report: user mistakes exit 2 with a clear message', () => {
  const cases: Array<[string, (dir: string) => string[], RegExp]> = [
    ['nothing to report on', () => ['report'], /give a model file, or a saved analysis with --analysis/],
    ['an unknown format', () => ['report', join(ROOT, MAIL), '-f', 'pdf'], /pdf/],
    [
      'an unknown --fail-on severity',
      () => ['report', join(ROOT, MAIL), '--fail-on', 'severe'],
      /unknown severity 'severe'/,
    ],
    [
      'an output folder that does not exist',
      (d) => ['report', join(ROOT, MAIL), '-o', join(d, 'no/such/r.html')],
      /cannot write .*its folder does not exist/,
    ],
    ['a missing model file', (d) => ['report', join(d, 'nope.yaml')], /cannot read model file .*no such file/],
    [
      'a missing campaign file',
      (d) => ['report', join(ROOT, MAIL), '--campaign', join(d, 'nope.json')],
      /no such file/,
    ],
    [
      'a campaign file that is not JSON',
      (d) => {
        writeFileSync(join(d, 'bad.json'), '{ not json');
        return ['report', join(ROOT, MAIL), '--campaign', join(d, 'bad.json')];
      },
      /is not valid JSON/,
    ],
    [
      'a document of the wrong kind',
      (d) => {
        writeFileSync(join(d, 'suite.json'), JSON.stringify(sampleSuite()));
        return ['report', join(ROOT, MAIL), '--campaign', join(d, 'suite.json')];
      },
      /is not a campaign result the report can read/,
    ],
    [
      'a saved analysis that is not one',
      (d) => {
        writeFileSync(join(d, 'a.json'), JSON.stringify({ schemaVersion: 1, findings: 'x' }));
        return ['report', '--analysis', join(d, 'a.json')];
      },
      /is not a nograd analysis result/,
    ],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const dir = tempDir();
    const r = await runCli(args(dir), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });

  it('explains itself in --help, with examples and exit codes', async () => {
    const r = await runCli(['report', '--help']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
    expect(r.stdout).toMatch(/Exit codes: 0 ok/);
    expect(r.stdout).toMatch(/--campaign <file>/);
  });
});

describe('nograd report: in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Open a report file; collect console errors, dialogs and every request the page makes. */
  async function open(file: string) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, errors, dialogs, requests };
  }

  it('opens the full report with no console errors, the diagram and charts drawn, and takes a screenshot', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    expect((await runCli(['report', MAIL, ...docArgs(writeDocs(dir)), '-o', out])).code).toBe(0);
    const { page, errors, requests } = await open(out);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(out).href]);
    const diagram = page.locator('svg.diagram');
    await expect(diagram.count()).resolves.toBe(1);
    const box = await diagram.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(200);
    // Every component of the model is a node; the charts (Pareto, simulations, calibration, evasion vs cost) are there.
    expect(await page.locator('svg.diagram g.node').count()).toBe(16);
    expect(await page.locator('figure svg').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('#findings tbody tr').count()).toBeGreaterThan(10);
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    await page.close();
  }, 60_000);

  it('renders a hostile model and hostile result documents inert', async () => {
    const dir = tempDir();
    const model = join(dir, 'evil.yaml');
    writeFileSync(model, hostileModelYaml());
    const out = join(dir, 'evil.html');
    const r = await runCli(['report', model, ...docArgs(writeDocs(dir, true)), '-o', out], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(unsafeMarkup(html)).toEqual([]);
    const { page, errors, dialogs, requests } = await open(out);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(out).href]);
    // Evaluated as a string: this project type-checks without the DOM library.
    const dom = (await page.evaluate(`(() => ({
      active: document.querySelectorAll('script, iframe, object, embed, img, foreignObject, form, base').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') || ''),
      text: document.body.textContent || '',
      title: document.title,
    }))()`)) as { active: number; handlers: number; hrefs: string[]; text: string; title: string };
    expect(dom.active).toBe(0);
    expect(dom.handlers).toBe(0);
    for (const href of dom.hrefs) expect(href).toMatch(/^(#|https:\/\/(atlas\.mitre\.org|aidefend\.net)\/)/);
    // The payloads are shown as text (bidi overrides made visible), in the page and the diagram.
    expect(dom.text).toContain('<script>alert(1)</script>');
    expect(dom.text).toContain('<img src=x onerror=alert(1)>');
    expect(dom.text).toContain('⟨U+202E⟩evil');
    expect(dom.title).toContain('<script>alert(1)</script>');
    expect(await page.locator('svg.diagram').count()).toBe(1);
    await page.screenshot({ path: join(dir, 'evil.png') });
    await page.close();
    // The other formats carry the same payloads inert.
    const md = await runCli(['report', model, '-f', 'md', '-o', '-', '--campaign', join(dir, 'campaign.json')], {
      cwd: dir,
    });
    expect(md.code).toBe(0);
    // Escaped Markdown (`\](javascript:`, `&lt;script`, `&#64;everyone`) is text; unescaped it would be live.
    expect(withoutCodeSpans(md.stdout)).not.toMatch(/<script|<img|(?<!\\)\]\(javascript:|@everyone/);
    expect(md.stdout).toContain('&lt;script');
    const junit = await runCli(['report', model, '-f', 'junit', '-o', '-'], { cwd: dir });
    expect(junit.stdout).not.toMatch(/<script|<img/);
    expect(EVIL).toContain('<script>');
  }, 60_000);
});
