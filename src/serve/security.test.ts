import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedHosts, checkRequest, confine, OutsideRootError, tokenMatches } from './security.js';

describe('serve security', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'nograd-sec-')));
  mkdirSync(join(root, 'models'));
  writeFileSync(join(root, 'models', 'a.yaml'), 'x: 1\n');
  symlinkSync(tmpdir(), join(root, 'out'));
  symlinkSync(join(root, 'models'), join(root, 'in'));

  it('confines paths to the root, through symlinks and for files not yet written', () => {
    expect(confine(root, 'models/a.yaml')).toBe(join(root, 'models', 'a.yaml'));
    expect(confine(root, 'in/a.yaml')).toBe(join(root, 'models', 'a.yaml'));
    expect(confine(root, 'models/new.triage.yaml')).toBe(join(root, 'models', 'new.triage.yaml'));
    for (const bad of ['../x', '/etc/passwd', 'models/../../x', 'out/anything', 'out/new/deep.yaml', 'a\0b'])
      expect(() => confine(root, bad), bad).toThrow(OutsideRootError);
  });

  it('checks Host, Origin and token', () => {
    const hosts = allowedHosts('127.0.0.1', 4000);
    const expectOk = { hosts, token: 'secret', needsToken: true };
    expect(checkRequest({ host: '127.0.0.1:4000', origin: undefined, token: 'secret' }, expectOk)).toEqual({
      ok: true,
    });
    expect(
      checkRequest({ host: 'localhost:4000', origin: 'http://localhost:4000', token: 'secret' }, expectOk).ok,
    ).toBe(true);
    expect(checkRequest({ host: 'evil.test:4000', origin: undefined, token: 'secret' }, expectOk)).toMatchObject({
      status: 403,
    });
    expect(
      checkRequest({ host: '127.0.0.1:4000', origin: 'http://evil.test', token: 'secret' }, expectOk),
    ).toMatchObject({ status: 403 });
    expect(checkRequest({ host: '127.0.0.1:4000', origin: 'null', token: 'secret' }, expectOk)).toMatchObject({
      status: 403,
    });
    expect(checkRequest({ host: '127.0.0.1:4000', origin: undefined, token: 'secreT' }, expectOk)).toMatchObject({
      status: 401,
    });
    expect(
      checkRequest({ host: '127.0.0.1:4000', origin: undefined, token: undefined }, { ...expectOk, needsToken: false })
        .ok,
    ).toBe(true);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
  });
});
