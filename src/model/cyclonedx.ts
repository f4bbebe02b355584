/**
 * Dependency mapping from a CycloneDX SBOM / ML-BOM (JSON, spec 1.4–1.6): components and services become
 * `dependencies:` entries. Machine-learning-model components become models, data components datasets.
 */
import { UserError } from '../util/errors.js';
import type { DependencyT } from './schema.js';

interface CdxHash {
  alg?: string;
  content?: string;
}
interface CdxComponent {
  type?: string;
  name?: string;
  group?: string;
  version?: string;
  purl?: string;
  hashes?: CdxHash[];
  licenses?: Array<{ license?: { id?: string; name?: string }; expression?: string }>;
  supplier?: { name?: string };
  publisher?: string;
  components?: CdxComponent[];
}
interface CdxService {
  name?: string;
  version?: string;
  endpoints?: string[];
  provider?: { name?: string };
}

const TYPE_MAP: Record<string, DependencyT['type']> = {
  'machine-learning-model': 'model',
  data: 'dataset',
  library: 'library',
  framework: 'library',
  application: 'other',
  container: 'other',
  file: 'other',
  platform: 'other',
  'operating-system': 'other',
  device: 'other',
  firmware: 'other',
};

/** An exact version (not a range or a tag like "latest") counts as pinned. */
function isExactVersion(v: string | undefined): boolean {
  return Boolean(v && /^v?\d+(\.\d+)*([-+][\w.-]+)?$/.test(v));
}

function idFrom(name: string, taken: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .replace(/-+$/, '') || 'dependency';
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  taken.add(id);
  return id;
}

export function dependenciesFromCycloneDx(text: string, file = 'bom.json'): DependencyT[] {
  let bom: { bomFormat?: string; components?: CdxComponent[]; services?: CdxService[] };
  try {
    bom = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (!bom || typeof bom !== 'object' || bom.bomFormat !== 'CycloneDX') {
    throw new UserError(`${file}: not a CycloneDX BOM (expected "bomFormat": "CycloneDX")`);
  }
  const out: DependencyT[] = [];
  const taken = new Set<string>();
  const walk = (list: CdxComponent[] | undefined, path: string) => {
    (list ?? []).forEach((c, i) => {
      const where = `${path}[${i}]`;
      if (!c || typeof c !== 'object' || typeof c.name !== 'string' || !c.name) {
        throw new UserError(`${file}: ${where} has no name`);
      }
      const full = c.group ? `${c.group}/${c.name}` : c.name;
      const hash = (c.hashes ?? []).find((h) => h.alg && h.content);
      const license = c.licenses?.map((l) => l.license?.id ?? l.license?.name ?? l.expression).find(Boolean);
      const dep: DependencyT = {
        id: idFrom(full, taken),
        name: full,
        type: TYPE_MAP[c.type ?? ''] ?? 'other',
        ...(c.version ? { version: c.version } : {}),
        ...(c.purl
          ? { purl: c.purl, source: c.purl.split('/')[0]?.replace(/^pkg:/, '') }
          : c.supplier?.name
            ? { source: c.supplier.name }
            : {}),
        pinned: isExactVersion(c.version),
        ...(hash ? { hash: `${hash.alg!.toLowerCase()}:${hash.content}` } : {}),
        ...(license ? { license } : {}),
      };
      out.push(dep);
      walk(c.components, `${where}.components`);
    });
  };
  walk(bom.components, 'components');
  (bom.services ?? []).forEach((s, i) => {
    if (!s || typeof s.name !== 'string' || !s.name) throw new UserError(`${file}: services[${i}] has no name`);
    out.push({
      id: idFrom(s.name, taken),
      name: s.name,
      type: 'api',
      ...(s.version ? { version: s.version } : {}),
      ...(s.endpoints?.[0] ? { source: s.endpoints[0] } : s.provider?.name ? { source: s.provider.name } : {}),
      pinned: isExactVersion(s.version),
    });
  });
  return out;
}
