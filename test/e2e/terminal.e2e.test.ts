/**
 * Untrusted text never drives the terminal: every text-producing command, run on a model (and a campaign file)
 * full of escape sequences, BEL, CR, C1 controls and bidi overrides, prints them as visible marks. And a reader
 * that closes early (`nograd … | head`) ends nothing with a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

const ESC = '\u001b';
/** Clear screen, red, an OSC 8 hyperlink, BEL, CR, a C1 CSI (U+009B) and a right-to-left override. */
const HOSTILE = `${ESC}[2J${ESC}[31m${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\\u0007\r\u009B2J\u202Eevil`;
/** Anything a terminal would act on: C0 but tab and line feed, DEL, C1, bidi embeddings/overrides/isolates. */
const RAW_CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters the test looks for
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function hostileModel(dir: string): { base: string; hostile: string } {
  const base = join(ROOT, 'examples/abuse-funnel/system.yaml');
  // Every name, description and assumption text gets the hostile prefix (a JSON string is a YAML double-quoted one).
  const text = readFileSync(base, 'utf8')
    .replace(/^(\s*(?:- )?(?:name|description|text): )(.*)$/gm, (_, head: string, value: string) => {
      return `${head}${JSON.stringify(`${HOSTILE} ${value}`)}`;
    })
    .replace('$schema=../../schema/', '$schema=');
  const hostile = join(dir, 'system.yaml');
  writeFileSync(hostile, text);
  return { base, hostile };
}

describe('terminal output from hostile input', () => {
  it('every text-producing command neutralises escapes, controls and bidi characters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nograd-terminal-'));
    const { base, hostile } = hostileModel(dir);
    const invalid = join(dir, 'invalid.yaml');
    writeFileSync(
      invalid,
      `${readFileSync(hostile, 'utf8')}\nextra:\n  ${JSON.stringify(HOSTILE)}: 1\n`.replace(
        'kind: input-source',
        `kind: ${JSON.stringify(HOSTILE)}`,
      ),
    );
    const campaign = join(dir, 'campaign.yaml');
    writeFileSync(campaign, `system: system.yaml\n${JSON.stringify(HOSTILE)}: 1\nname: ${JSON.stringify(HOSTILE)}\n`);
    const analysis = await runCli(['analyze', hostile, '--format', 'json', '--no-economics']);
    const { findings } = JSON.parse(analysis.stdout) as { findings: Array<{ id: string }> };
    // A finding whose explanation quotes an assumption text (hostile here).
    const findingId = (findings.find((f) => f.id.startsWith('assumption-broken')) ?? findings[0]!).id;
    const commands: string[][] = [
      ['validate', hostile],
      ['validate', invalid],
      ['validate', invalid, '--format', 'json'],
      ['analyze', hostile, '--no-economics'],
      ['analyze', hostile, '--format', 'md', '--no-economics'],
      ['analyze', hostile, '--format', 'json', '--no-economics'],
      ['explain', findingId, '--model', hostile],
      ['report', hostile, '--format', 'md', '--out', '-'],
      ['report', hostile, '--format', 'sarif', '--out', '-'],
      ['report', hostile, '--format', 'junit', '--out', '-'],
      ['diff', base, hostile],
      ['diff', base, hostile, '--format', 'text'],
      ['catalog', '--search', HOSTILE],
      ['campaign', 'run', campaign],
    ];
    const silent: string[] = [];
    for (const args of commands) {
      const r = await runCli(args, { cwd: dir });
      const shown = `${args.join(' ')} → exit ${r.code}\n${r.stdout.slice(0, 400)}\n${r.stderr.slice(0, 400)}`;
      expect(r.code, shown).not.toBe(70);
      expect(RAW_CONTROL.test(r.stdout), `stdout of ${shown}`).toBe(false);
      expect(RAW_CONTROL.test(r.stderr), `stderr of ${shown}`).toBe(false);
      // The hostile text did reach the output, neutralised (so the test is not passing on silence).
      if (!/\\u001b\[2J|\\u202e|⟨U\+202E⟩/i.test(r.stdout + r.stderr)) silent.push(args[0]!);
    }
    // diff shows ids and costs, catalog a search that matches nothing: they echo no model text.
    expect(silent).toEqual(['diff', 'diff', 'catalog']);
    // Fourteen CLI runs in a row on a shared 2-core machine.
  }, 600_000);
});

/** Spawn the CLI with stdout a pipe that the reader closes after the first bytes. */
function closeEarly(args: string[]): Promise<{ code: number | null; stderr: string; got: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let got = 0;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once('data', (d: Buffer) => {
      got = d.length;
      child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, stderr, got }));
  });
}

describe('a reader that closes early', () => {
  it.each([
    [['catalog', '--format', 'json']],
    [['schema']],
    [['catalog', '--help']],
    [['analyze', 'examples/mail-filter/system.yaml', '--format', 'json', '--no-economics']],
  ])('%j exits quietly', async (args) => {
    const r = await closeEarly(args);
    expect(r.got).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(r.code).toBe(0);
  });
});
