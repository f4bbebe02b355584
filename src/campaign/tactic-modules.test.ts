/** Tactic modules: loading, confinement, checks of the export, and the wrapper the runner calls. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCampaign } from './file.js';
import { checkDefinition, loadTacticModules } from './tactic-modules.js';

function campaignDir(): string {
  return mkdtempSync(join(tmpdir(), 'nograd-modules-'));
}

const campaign = (tactics: string) => `nograd-campaign: 1
name: modules
target:
  http: { url: 'http://127.0.0.1:9/score' }
seeds: { files: [seeds] }
tactics:
${tactics}
`;

const GOOD = `export default {
  id: 'custom.shout',
  summary: 'Upper-case every word',
  defaults: { suffix: '!' },
  appliesTo: (input) => input.length > 0,
  apply: (input, rng, params) => [input.toUpperCase() + params.suffix, input.toUpperCase()],
  validity: { droppable: ['the'] },
};
`;

describe('tactic modules', () => {
  it('loads a module next to the campaign file and wraps it as a content tactic', async () => {
    const dir = campaignDir();
    writeFileSync(join(dir, 'shout.mjs'), GOOD);
    const file = join(dir, 'c.yaml');
    const text = campaign('  - module: ./shout.mjs\n    params: { suffix: "?" }');
    const m = await loadTacticModules(file, text);
    expect(m.diagnostics).toEqual([]);
    const t = m.byIndex.get(0)!.tactic;
    expect(t.id).toBe('custom.shout');
    expect(t.kind).toBe('content');
    // Variants: the rng picks one.
    expect(t.apply('hi', () => 0, { suffix: '?' })).toEqual({ content: 'HI?' });
    expect(t.apply('hi', () => 0.99, { suffix: '?' })).toEqual({ content: 'HI' });
    expect(t.apply('', () => 0, {})).toBeNull();
    expect(t.validity?.({})).toEqual({ droppable: ['the'] });
    const loaded = loadCampaign(file, { tacticIds: ['input.zero-width-characters'], modules: m }, {}, text);
    expect(loaded.config.tactics[0]).toMatchObject({ id: 'custom.shout', module: './shout.mjs' });
    expect(loaded.config.tactics[0]!.moduleSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses modules outside the campaign directory, absolute paths and non-JS files, with positions', async () => {
    const dir = campaignDir();
    const outside = campaignDir();
    writeFileSync(join(outside, 'evil.mjs'), GOOD);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(outside, 'evil.mjs'), join(dir, 'sub', 'link.mjs'));
    writeFileSync(join(dir, 'data.json'), '{}');
    const text = campaign(
      `  - module: ../${outside.split('/').pop()}/evil.mjs\n  - module: ${join(outside, 'evil.mjs')}\n  - module: ./sub/link.mjs\n  - module: ./data.json\n  - module: ./missing.mjs`,
    );
    const m = await loadTacticModules(join(dir, 'c.yaml'), text);
    const msgs = m.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`);
    expect(msgs[0]).toMatch(/^7:13 tactic module .* is outside the campaign file's directory/);
    expect(msgs[1]).toMatch(/^8:13 tactic module .* is an absolute path/);
    expect(msgs[2]).toMatch(/^9:13 tactic module '\.\/sub\/link\.mjs' is outside/);
    expect(msgs[3]).toMatch(/not a JavaScript module/);
    expect(msgs[4]).toMatch(/does not exist/);
    expect(m.byIndex.size).toBe(0);
  });

  it('says which Node strips TypeScript types when a .ts module meets an older Node', async () => {
    const dir = campaignDir();
    writeFileSync(join(dir, 't.ts'), GOOD);
    const m = await loadTacticModules(join(dir, 'c.yaml'), campaign('  - module: ./t.ts'));
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 18)) {
      expect(m.diagnostics[0]?.message).toMatch(/is TypeScript, which this Node \(.*\) cannot load/);
      expect(m.diagnostics[0]?.hint).toMatch(/Node ≥ 22\.18 strips types/);
    } else expect(m.byIndex.get(0)?.tactic.id).toBe('custom.shout');
  });

  it('rejects malformed exports with a clear reason', () => {
    expect(checkDefinition(undefined)).toMatchObject({
      problem: expect.stringMatching(/exports no tactic definition/),
    });
    expect(checkDefinition({ id: 'x.y' })).toMatchObject({
      problem: expect.stringMatching(/`apply` must be a function/),
    });
    expect(checkDefinition({ id: 'Bad Id', apply: () => '' })).toMatchObject({
      problem: expect.stringMatching(/`id`/),
    });
    expect(checkDefinition({ id: 'x.y', apply: () => '', aply: 1 })).toMatchObject({
      problem: "unknown field 'aply' in its definition",
    });
    expect(checkDefinition({ id: 'x.y', apply: () => '', kind: 'stream' })).toMatchObject({
      problem: expect.stringMatching(/content tactics only/),
    });
    expect(checkDefinition({ id: 'x.y', apply: () => '', validity: { drop: [] } })).toMatchObject({
      problem: expect.stringMatching(/unknown field 'drop'/),
    });
    const t = checkDefinition({ id: 'x.y', apply: () => 42 });
    expect('tactic' in t && (() => t.tactic.apply('a', () => 0, {}))).toThrow(/apply must return a string/);
  });

  it('reports a module that fails to import, and a campaign naming a catalog-only tactic', async () => {
    const dir = campaignDir();
    writeFileSync(join(dir, 'broken.mjs'), 'export default {;');
    const text = campaign('  - module: ./broken.mjs\n  - access.stolen-access-token\n  - input.zero-width-charactrs');
    const m = await loadTacticModules(join(dir, 'c.yaml'), text);
    expect(m.diagnostics[0]?.message).toMatch(/tactic module '\.\/broken\.mjs' failed to load: /);
    let err: Error | undefined;
    try {
      loadCampaign(
        join(dir, 'c.yaml'),
        {
          tacticIds: ['input.zero-width-characters'],
          catalogIds: ['access.stolen-access-token', 'input.zero-width-characters'],
          modules: m,
        },
        {},
        text,
      );
    } catch (e) {
      err = e as Error;
    }
    expect(err?.message).toMatch(/c\.yaml:7:13: error: tactic module '\.\/broken\.mjs' failed to load/);
    expect(err?.message).toMatch(
      /c\.yaml:8:5: error: tactic 'access\.stolen-access-token' is not executable \(catalog only\)/,
    );
    expect(err?.message).toMatch(
      /unknown tactic 'input\.zero-width-charactrs'\n\s+hint: did you mean 'input\.zero-width-characters'/,
    );
  });
});
