import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../util/errors.js';
import { parseTargetSpec, targetFromSpec } from './from-spec.js';
import { withTimeout } from './timeout.js';

describe('parseTargetSpec', () => {
  it("reads every form into the kind's configuration", () => {
    const ref = parseTargetSpec('reference');
    expect(ref.kind).toBe('reference');
    expect(ref.kind !== 'file' && ref.spec.reference).toMatchObject({ model: 'lr', variant: 'default', hardening: [] });
    const nb = parseTargetSpec('reference:nb,regressed');
    expect(nb.kind !== 'file' && nb.spec.reference).toMatchObject({ model: 'nb', variant: 'regressed' });
    const hardened = parseTargetSpec('reference:hardened');
    expect(hardened.kind !== 'file' && hardened.spec.reference?.hardening.length).toBeGreaterThan(0);
    const http = parseTargetSpec('http://127.0.0.1:9000');
    expect(http.kind !== 'file' && http.spec.http?.url).toBe('http://127.0.0.1:9000/score');
    const httpPath = parseTargetSpec('http:http://127.0.0.1:9000/v1/decide');
    expect(httpPath.kind !== 'file' && httpPath.spec.http?.url).toBe('http://127.0.0.1:9000/v1/decide');
    const cmd = parseTargetSpec('command:./bin/filter');
    expect(cmd.kind !== 'file' && cmd.spec.command?.argv).toEqual(['./bin/filter']);
    const mod = parseTargetSpec('module:./f.js#score');
    expect(mod.kind !== 'file' && mod.spec.module).toMatchObject({ path: './f.js', export: 'score' });
    expect(parseTargetSpec('targets/prod.yaml')).toEqual({ kind: 'file', path: 'targets/prod.yaml' });
  });

  it('rejects unknown targets with the list of forms', () => {
    expect(() => parseTargetSpec('refrence')).toThrow(UserError);
    expect(() => parseTargetSpec('reference:fast')).toThrow(/unknown reference target option 'fast'/);
    expect(() => parseTargetSpec('http:not a url')).toThrow(/is not a URL/);
  });
});

describe('targets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nograd-targets-'));
  let url = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const { message } = JSON.parse(body) as { message: string };
      if (message === 'crash') {
        res.writeHead(500).end('boom');
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          decision: message.includes('spam') ? 'block' : 'allow',
          score: message.includes('spam') ? 0.9 : 0.1,
        }),
      );
    });
  });

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('http: posts {message, context} to /score and reads the verdict', async () => {
    const t = await targetFromSpec(url);
    expect(await t.decide({ id: '1', content: 'buy spam now' })).toMatchObject({ decision: 'block', score: 0.9 });
    await expect(t.decide({ id: '2', content: 'crash' })).rejects.toThrow(/HTTP 500.*boom/);
    await t.close();
  });

  it('command: runs a program per input with JSON on stdin and stdout (no shell)', async () => {
    const program = join(dir, 'filter.mjs');
    writeFileSync(
      program,
      `#!/usr/bin/env node
let s = '';
process.stdin.on('data', (d) => (s += d)).on('end', () => {
  const { content } = JSON.parse(s);
  process.stdout.write(JSON.stringify({ decision: content.includes('spam') ? 'review' : 'allow', score: 0.5 }));
});
`,
    );
    chmodSync(program, 0o755);
    const t = await targetFromSpec(`command:${program}`);
    expect(await t.decide({ id: '1', content: 'spam; rm -rf /' })).toMatchObject({ decision: 'review', score: 0.5 });
    await t.close();
    await expect(targetFromSpec(`command:${join(dir, 'missing')}`)).rejects.toThrow(/not found/);
  });

  it('module and target file: load a JS scoring function, or any campaign-style target block', async () => {
    writeFileSync(
      join(dir, 'score.mjs'),
      `export default (input) => ({ decision: input.content.length > 5 ? 'block' : 'allow', score: 0.2 });\n`,
    );
    const m = await targetFromSpec(`module:${join(dir, 'score.mjs')}`);
    expect((await m.decide({ id: '1', content: 'longer text' })).decision).toBe('block');
    writeFileSync(
      join(dir, 'target.yaml'),
      `http:\n  url: ${url}/score\n  body: { message: '{{content}}' }\n  response: { decision: decision, score: score }\n`,
    );
    const f = await targetFromSpec(join(dir, 'target.yaml'));
    expect(await f.decide({ id: '1', content: 'spam' })).toMatchObject({ decision: 'block', score: 0.9 });
    writeFileSync(join(dir, 'bad.yaml'), 'htp:\n  url: x\n');
    await expect(targetFromSpec(join(dir, 'bad.yaml'))).rejects.toThrow(/bad\.yaml:1:1.*unknown field 'htp'/);
  });

  it('withTimeout turns a target that never answers into a target error', async () => {
    const never = withTimeout(
      {
        info: { kind: 'module', fingerprint: 'never', exposes: ['decision'] },
        decide: () => new Promise(() => {}),
        close: async () => {},
      },
      50,
    );
    await expect(never.decide({ id: '1', content: 'x' })).rejects.toThrow(/no answer within 50 ms/);
  });
});
