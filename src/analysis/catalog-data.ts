/** The built-in catalog in the shape the analysis takes (tests can pass their own). */
import { AIDEFEND_VERSION } from '../catalog/aidefend.js';
import { ATLAS_VERSION } from '../catalog/atlas.js';
import { CONTROLS, TACTICS } from '../catalog/index.js';
import { DEFAULT_PACKS, DOMAIN_PACKS, type DomainPack } from '../catalog/packs.js';
import { didYouMean } from '../util/did-you-mean.js';
import { UserError } from '../util/errors.js';
import type { AnalyzeOptions } from './analyze.js';

/**
 * The built-in entries of the switched-on domain packs (an entry without `pack` is `mail`). Only `mail` by default,
 * so an analysis of a mail system never picks a fraud or moderation trick because it happens to be cheaper.
 */
export function builtinCatalog(packs: readonly DomainPack[] = DEFAULT_PACKS): AnalyzeOptions['catalog'] {
  const on = (e: { pack?: DomainPack }) => packs.includes(e.pack ?? 'mail');
  return {
    tactics: TACTICS.filter(on),
    controls: CONTROLS.filter(on),
    atlasVersion: ATLAS_VERSION,
    aidefendVersion: AIDEFEND_VERSION,
  };
}

/** `mail,fraud` → the packs, each checked against DOMAIN_PACKS (a typo gets a did-you-mean). */
export function parsePacks(spec: string, option = '--packs'): DomainPack[] {
  const names = spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new UserError(`${option} needs at least one pack (${DOMAIN_PACKS.join(', ')})`);
  return names.map((name) => {
    if ((DOMAIN_PACKS as readonly string[]).includes(name)) return name as DomainPack;
    const hint = didYouMean(name, DOMAIN_PACKS);
    throw new UserError(
      `unknown domain pack '${name}' for ${option}${hint ? ` (${hint})` : ''}; packs: ${DOMAIN_PACKS.join(', ')}`,
    );
  });
}
