/**
 * `nograd serve` end to end: the built CLI runs as a real child process over a temp copy of the mail-filter
 * example, and Debian's Chromium (playwright-core) drives every view. Edits happen on disk, triage is checked with
 * `nograd analyze`, a small campaign runs against the in-process reference target, and the API's defences are
 * probed with raw HTTP requests.
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileModelYaml } from '../../src/report/testing.js';
import { ROOT, runCli, startCli, tempDir } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';

const SMALL_CAMPAIGN = `nograd-campaign: 1
name: small-evasion
target:
  reference:
    model: lr
evasion:
  when: allowed
seeds:
  corpus: spam
  count: 4
tactics:
  - input.zero-width-characters
  - layout.hidden-good-words
search:
  single: true
repeats: 1
seed: 7
system: system.yaml
examples: 1
`;

let dir: string;
let child: ChildProcess;
let base: string;
let token: string;
let browser: Browser;
let page: Page;

/** A raw request, so Host and Origin can be set to anything (fetch forbids a custom Host). */
function raw(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => {
        body += d.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
  dir = tempDir('nograd-serve-');
  cpSync(join(ROOT, 'examples/mail-filter'), dir, { recursive: true });
  writeFileSync(join(dir, 'small.campaign.yaml'), SMALL_CAMPAIGN);
  symlinkSync('/etc', join(dir, 'escape'));
  const started = await startCli(['serve', dir], /open (http:\/\/\S+)\/\?token=(\S+)/);
  child = started.child;
  base = `${started.match[1]}/`;
  token = started.match[2]!;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}?token=${token}`);
});

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
});

describe('nograd serve: the API refuses what it must', () => {
  it('binds 127.0.0.1 and refuses a missing or wrong token', async () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const host = new URL(base).host;
    expect((await raw('/api/workspace', { host })).status).toBe(401);
    expect((await raw('/api/workspace?token=wrong', { host })).status).toBe(401);
    const ok = await raw(`/api/workspace?token=${token}`, { host });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).models).toEqual(['system.yaml']);
  });

  it('a taken --port is a user error with a hint', async () => {
    const r = await runCli(['serve', dir, '--port', new URL(base).port], { timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/port \d+ on 127\.0\.0\.1 is already in use; choose another with --port/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a foreign Origin and a foreign Host (DNS rebinding)', async () => {
    const host = new URL(base).host;
    const cross = await raw(`/api/workspace?token=${token}`, { host, origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    const rebound = await raw(`/api/workspace?token=${token}`, { host: `evil.example:${new URL(base).port}` });
    expect(rebound.status).toBe(403);
    const same = await raw(`/api/workspace?token=${token}`, { host, origin: base.replace(/\/$/, '') });
    expect(same.status).toBe(200);
  });

  it('refuses path traversal and symlinks out of the served directory', async () => {
    const host = new URL(base).host;
    for (const p of ['../../../etc/passwd', '/etc/passwd', 'escape/hostname.yaml', 'sub/../../outside.yaml']) {
      const r = await raw(`/api/file?token=${token}&path=${encodeURIComponent(p)}`, { host });
      expect(r.status, p).toBe(403);
    }
    const model = await raw(`/api/model?token=${token}&file=${encodeURIComponent('../system.yaml')}`, { host });
    expect(model.status).toBe(403);
    const triage = await fetch(`${base}api/triage`, {
      method: 'POST',
      headers: { 'x-nograd-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ file: '../../x/system.yaml', finding: 'x', status: 'accepted', justification: 'j' }),
    });
    expect(triage.status).toBe(403);
  });
});

describe('nograd serve: in a real browser', () => {
  it('shows the diagram, and diagnostics follow edits on disk', async () => {
    await page.waitForSelector('[data-testid=model-view] svg [data-component=spam-model]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=no-diagnostics]');
    const file = join(dir, 'system.yaml');
    const original = readFileSync(file, 'utf8');
    // Break one flow's target: the loader reports the unknown reference at its line.
    const broken = original.replace(
      '{ from: signup-challenge, to: sender-accounts,',
      '{ from: signup-challenge, to: no-such-component,',
    );
    expect(broken).not.toBe(original);
    writeFileSync(file, broken);
    const diag = page.locator('[data-testid=diagnostics] li').first();
    await diag.waitFor({ timeout: 20_000 });
    expect(await diag.textContent()).toMatch(/system\.yaml:\d+:\d+.*no-such-component/);
    await diag.locator('button').click();
    await page.waitForSelector('.file-view .hl');
    expect(await page.locator('.file-view .hl').textContent()).toContain('no-such-component');
    writeFileSync(file, original);
    await page.waitForSelector('[data-testid=no-diagnostics]', { timeout: 20_000 });
  });

  it('triages a finding into the side file, and `nograd analyze` agrees', async () => {
    await page.click('[data-tab=findings]');
    const row = page.locator('tr.finding').first();
    await row.waitFor({ timeout: 30_000 });
    const id = (await row.getAttribute('data-finding'))!;
    await row.click();
    await page.locator('[data-testid=explain]', { hasText: id }).waitFor({ timeout: 20_000 });
    await page.selectOption('[data-testid=triage-form] select[name=status]', 'accepted');
    await page.fill('[data-testid=triage-form] input[name=justification]', 'compensating control in the MTA');
    await page.fill('[data-testid=triage-form] input[name=expires]', '2099-01-31');
    await page.click('[data-testid=triage-form] button[type=submit]');
    await page.locator(`tr[data-finding="${id}"] .status`, { hasText: /^accepted/ }).waitFor({ timeout: 20_000 });
    const side = readFileSync(join(dir, 'system.triage.yaml'), 'utf8');
    expect(side).toContain('nograd-triage: 1');
    expect(side).toContain(id);
    const r = await runCli(['analyze', 'system.yaml', '--no-economics', '--format', 'json'], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    const f = doc.findings.find((x: { id: string }) => x.id === id);
    expect(f.triage.status).toBe('accepted');
    expect(f.triage.justification).toBe('compensating control in the MTA');
    expect(f.suppressed).toBe(true);
  });

  it('toggling a planned control recomputes the cheapest paths', async () => {
    await page.click('[data-tab=paths]');
    const box = page.locator('[data-testid=what-if] input[data-control=template-clustering-control]');
    await box.waitFor({ timeout: 30_000 });
    await box.check();
    const spammer = page.locator('[data-testid=what-if-result] tr[data-attacker=spammer]');
    await spammer.waitFor({ timeout: 30_000 });
    expect(await spammer.getAttribute('class')).toContain('changed');
    const cells = await spammer.locator('td').allTextContents();
    expect(cells[1]).not.toBe(cells[2]);
    expect(await page.locator('[data-testid=what-if-result]').textContent()).toMatch(/Defender cost.*→/);
    // Once the paths are computed, the model diagram draws each attacker's cheapest path.
    await page.click('[data-tab=model]');
    await page.waitForSelector('[data-testid=model-view] .attack-path[data-attacker=spammer]', { timeout: 20_000 });
  });

  it('starts a campaign, streams its progress and shows the results', async () => {
    await page.click('[data-tab=campaigns]');
    await page.click('button[data-start="small.campaign.yaml"]');
    await page.waitForSelector('[data-testid=progress]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid=progress][data-state=done]', { timeout: 50_000 });
    expect(await page.locator('[data-testid=progress]').textContent()).toMatch(/finished run-\S+: 12 \/ ~12 attempts/);
    await page.waitForSelector('[data-testid=run-detail] [data-testid=chains] tbody tr', { timeout: 20_000 });
    expect(await page.locator('[data-testid=chains]').textContent()).toContain('input.zero-width-characters');
    expect(await page.locator('[data-testid=outcomes]').textContent()).toMatch(/block \d+/);
    const first = page.locator('[data-testid=attempts] .vrow[data-seq]').first();
    await first.waitFor({ timeout: 20_000 });
    await first.click();
    await page.waitForSelector('[data-testid=attempt-detail] pre');
    expect(await page.locator('[data-testid=attempt-detail]').textContent()).toMatch(/original/);
    expect(await page.locator('[data-testid=attempt-detail] pre').first().textContent()).not.toBe('(not available)');
  });

  it('--export writes one self-contained read-only HTML file with the same views', async () => {
    const out = join(dir, 'workbench.html');
    // The workbench started above still has this directory's campaign store open for a moment after its last
    // request (DuckDB allows one process per file): the export then says the store is in use, exit 2. Wait it out.
    let r = await runCli(['serve', dir, '--export', out], { timeoutMs: 60_000 });
    for (let i = 0; i < 15 && r.code === 2 && /in use by another nograd process/.test(r.stderr); i++) {
      await new Promise((done) => setTimeout(done, 1_000));
      r = await runCli(['serve', dir, '--export', out], { timeoutMs: 60_000 });
    }
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    const errors: string[] = [];
    const p = await browser.newPage();
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await p.goto(`file://${out}#findings`);
    await p.locator('tr.finding').first().waitFor({ timeout: 20_000 });
    expect(await p.locator('header').textContent()).toContain('export (read-only)');
    await p.click('[data-tab=campaigns]');
    await p.click('[data-testid=runs] tr[data-run]');
    await p.locator('[data-testid=attempts] .vrow[data-seq]').first().waitFor({ timeout: 20_000 });
    expect(await p.locator('button[data-start]').count()).toBe(0);
    await p.close();
    expect(errors).toEqual([]);
  });

  it('renders hostile model text as text: no script runs, no markup from the model', async () => {
    const evilDir = tempDir('nograd-serve-evil-');
    writeFileSync(join(evilDir, 'system.yaml'), hostileModelYaml());
    const started = await startCli(['serve', evilDir], /open (http:\/\/\S+\/\?token=\S+)/);
    const p = await browser.newPage();
    const dialogs: string[] = [];
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await p.goto(started.match[1]!);
      await p.waitForSelector('[data-testid=model-view] svg [data-component]', { timeout: 30_000 });
      await p.click('[data-tab=findings]');
      await p.locator('tr.finding').first().waitFor({ timeout: 30_000 });
      await p.locator('tr.finding').first().click();
      await p.waitForSelector('[data-testid=explain]');
      await p.click('[data-tab=paths]');
      await p.waitForSelector('[data-testid=paths-view]', { timeout: 30_000 });
      await p.click('[data-tab=model]');
      await p.waitForSelector('[data-testid=model-view] svg [data-component]');
      const injected = await p.locator('#app script, #app iframe, #app img, #app [onerror], #app [onload]').count();
      expect(injected).toBe(0);
      expect(await p.locator('#app').textContent()).toContain('<script>alert(1)</script>');
      expect(dialogs).toEqual([]);
    } finally {
      await p.close();
      started.child.kill('SIGTERM');
    }
  });
});
