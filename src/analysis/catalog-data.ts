/**
 * The built-in catalog in the shape the analysis takes (tests can pass their own): the tactics and controls of the
 * given domain packs, `mail` by default — what a model that names no packs sees (model-catalog.ts).
 */
import { DOMAIN_PACKS, type DomainPack } from '../catalog/packs.js';
import { didYouMean } from '../util/did-you-mean.js';
import { UserError } from '../util/errors.js';
import type { AnalyzeOptions } from './analyze.js';
import { modelCatalog } from './model-catalog.js';

export function builtinCatalog(packs?: readonly DomainPack[]): AnalyzeOptions['catalog'] {
  return modelCatalog(packs ? { catalog: { packs: [...packs], tactics: [], controls: [] } } : {});
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
