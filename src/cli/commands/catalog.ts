/**
 * `nograd catalog`: browse the knowledge base (tactics, controls, component kinds) as aligned tables or as the raw
 * typed data in JSON. Without a section the text output is an overview with counts; JSON always carries the
 * framework versions and licence notices next to the data, because AIDEFEND's licence asks for attribution
 * wherever its ids and names are shipped.
 */
import type { Command } from 'commander';
import {
  AIDEFEND_NOTICE,
  AIDEFEND_VERSION,
  ATLAS_NOTICE,
  ATLAS_VERSION,
  CATALOG_SECTIONS,
  type CatalogSection,
  CONTROL_CATEGORIES,
  CONTROLS,
  type Control,
  type ControlCategory,
  DEFAULT_PACKS,
  DOMAIN_PACKS,
  type DomainPack,
  FAMILY_INFO,
  KIND_INFO,
  type KindInfo,
  searchCatalog,
  TACTIC_FAMILIES,
  TACTICS,
  type Tactic,
  type TacticFamily,
} from '../../catalog/index.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { UserError } from '../../util/errors.js';
import { color, out, parseFormat, table } from '../output.js';

interface CatalogOptions {
  search?: string;
  family?: string;
  format: string;
  pack?: string[];
  model?: string;
  includeRoot?: string;
}

/** Where the listing's entries come from: every built-in one, some packs, or what one model sees. */
interface View {
  tactics: readonly Tactic[];
  controls: readonly Control[];
  /** A pack (or `model` for the model's own entries) per id, when the listing should show it. */
  sourceOf?: (id: string) => string;
  /** Set with --model: what the model switches on and how much more the other packs hold. */
  model?: {
    file: string;
    packs: readonly string[];
    custom: { tactics: string[]; controls: string[] };
    elsewhere: string;
  };
}

interface Selection {
  tactics?: Tactic[];
  controls?: Control[];
  kinds?: KindInfo[];
}

export function register(program: Command): void {
  program
    .command('catalog')
    .description(
      'Browse the knowledge base: practical tactics, controls and component kinds, with MITRE ATLAS and AIDEFEND ids.',
    )
    .argument('[section]', `what to list: ${CATALOG_SECTIONS.join(', ')} (default: an overview)`)
    .option('-s, --search <text>', 'only entries containing every word (ids, names, summaries, framework ids)')
    .option(
      '-f, --family <name>',
      `a tactic family (${TACTIC_FAMILIES.join(', ')}) or a control category (${CONTROL_CATEGORIES.join(', ')})`,
    )
    .option('--pack <names...>', `only these domain packs (${DOMAIN_PACKS.join(', ')}); comma-separated or repeated`)
    .option('--model <file>', "what this system model sees: its packs' entries and its own tactics and controls")
    .option('--include-root <dir>', 'with --model: the directory its includes must stay inside')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  nograd catalog                          overview: families, categories, counts\n' +
        '  nograd catalog tactics --family layout  the layout tricks (RG Table II and more)\n' +
        '  nograd catalog controls --search AML.M0004\n' +
        '  nograd catalog --search captcha --format json\n' +
        '  nograd catalog tactics --pack fraud          one domain pack\n' +
        '  nograd catalog tactics --model system.yaml   what this model uses (its packs and its own entries)\n' +
        '\nExit codes: 0 ok · 2 unknown section, family or format',
    )
    .action(async (section: string | undefined, opts: CatalogOptions) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      const chosen = parseSection(section);
      const view = await buildView(opts);
      const selection = select(chosen, opts, view);
      if (format === 'json') {
        out(
          JSON.stringify(
            {
              ...selection,
              ...(view.model
                ? { model: { file: view.model.file, packs: view.model.packs, custom: view.model.custom } }
                : {}),
              ...(opts.pack ? { packs: parsePacks(opts.pack) } : {}),
              frameworks: frameworksInfo(),
            },
            null,
            2,
          ),
        );
        return;
      }
      if (!chosen && opts.search === undefined && opts.family === undefined && !opts.model && !opts.pack) {
        out(overview());
        return;
      }
      out(renderSelection(selection, view));
    });
}

function parseSection(section: string | undefined): CatalogSection | undefined {
  if (section === undefined) return undefined;
  if ((CATALOG_SECTIONS as readonly string[]).includes(section)) return section as CatalogSection;
  const hint = didYouMean(section, CATALOG_SECTIONS);
  throw new UserError(
    `unknown catalog section '${section}' (choose one of: ${CATALOG_SECTIONS.join(', ')})${hint ? `; ${hint}` : ''}`,
  );
}

function parsePacks(values: readonly string[]): DomainPack[] {
  const names = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!(DOMAIN_PACKS as readonly string[]).includes(n)) {
      const hint = didYouMean(n, DOMAIN_PACKS);
      throw new UserError(`unknown pack '${n}' (packs: ${DOMAIN_PACKS.join(', ')})${hint ? `; ${hint}` : ''}`);
    }
  }
  return [...new Set(names)] as DomainPack[];
}

/**
 * The entries to list. Without options: every built-in entry, the default packs' first. `--pack`: those packs only.
 * `--model`: what the model sees (its packs' entries, then its own), the other packs counted in a closing line.
 */
async function buildView(opts: CatalogOptions): Promise<View> {
  const { modelCatalog, packOf } = await import('../../analysis/model-catalog.js');
  const packs = opts.pack ? parsePacks(opts.pack) : undefined;
  const byPack = <T extends Tactic | Control>(list: readonly T[]) =>
    [...list].sort((a, b) => Number(!DEFAULT_PACKS.includes(packOf(a))) - Number(!DEFAULT_PACKS.includes(packOf(b))));
  if (!opts.model) {
    if (!packs) return { tactics: byPack(TACTICS), controls: byPack(CONTROLS) };
    return {
      tactics: TACTICS.filter((t) => packs.includes(packOf(t))),
      controls: CONTROLS.filter((c) => packs.includes(packOf(c))),
      sourceOf: (id) => packOf(TACTICS.find((t) => t.id === id) ?? CONTROLS.find((c) => c.id === id)!),
    };
  }
  const { loadModel } = await import('../../model/loader.js');
  const { modelLoadOptions } = await import('../run-analysis.js');
  const loaded = loadModel(opts.model, modelLoadOptions(opts));
  const cat = modelCatalog(loaded.model);
  const inPacks = (e: Tactic | Control) => !packs || packs.includes(packOf(e));
  const own = (id: string) => cat.extras.customTactics.has(id) || cat.extras.customControls.has(id);
  const sourceOf = (id: string) => {
    if (own(id)) return 'model';
    const e = TACTICS.find((t) => t.id === id) ?? CONTROLS.find((c) => c.id === id);
    return e ? packOf(e) : 'model';
  };
  // The model's own entries first: they are what it adds to the packs.
  const first = <T extends Tactic | Control>(list: readonly T[]) => [
    ...list.filter((e) => own(e.id)),
    ...list.filter((e) => !own(e.id) && inPacks(e)),
  ];
  const off = DOMAIN_PACKS.filter((p) => !cat.extras.packs.includes(p))
    .map((p) => ({
      p,
      n: TACTICS.filter((t) => packOf(t) === p).length + CONTROLS.filter((c) => packOf(c) === p).length,
    }))
    .filter((x) => x.n > 0);
  return {
    tactics: first(cat.tactics),
    controls: first(cat.controls),
    sourceOf,
    model: {
      file: opts.model,
      packs: cat.extras.packs,
      custom: { tactics: [...cat.extras.customTactics], controls: [...cat.extras.customControls] },
      elsewhere: off.length
        ? `not switched on: ${off.map((x) => `${x.p} (${x.n} entries)`).join(', ')} — add them under catalog: { packs: [...] }`
        : '',
    },
  };
}

/** Apply section, --family and --search; without a section every section that can match is included. */
function select(section: CatalogSection | undefined, opts: CatalogOptions, view: View): Selection {
  let tactics: Tactic[] | undefined;
  let controls: Control[] | undefined;
  let kinds: KindInfo[] | undefined;
  const found = opts.search === undefined ? undefined : searchCatalog(opts.search, section, view);
  const want = (s: CatalogSection) => section === undefined || section === s;
  if (want('tactics')) tactics = found ? found.tactics : [...view.tactics];
  if (want('controls')) controls = found ? found.controls : [...view.controls];
  if (want('kinds')) kinds = found ? found.kinds : Object.values(KIND_INFO);

  if (opts.family !== undefined) {
    const f = opts.family;
    const isFamily = (TACTIC_FAMILIES as readonly string[]).includes(f);
    const isCategory = (CONTROL_CATEGORIES as readonly string[]).includes(f);
    if (!isFamily && !isCategory) {
      const hint = didYouMean(f, [...TACTIC_FAMILIES, ...CONTROL_CATEGORIES]);
      throw new UserError(
        `unknown family '${f}' (tactic families: ${TACTIC_FAMILIES.join(', ')}; control categories: ` +
          `${CONTROL_CATEGORIES.join(', ')})${hint ? `; ${hint}` : ''}`,
      );
    }
    if (section === 'kinds') throw new UserError('--family applies to tactics and controls, not to kinds');
    if (section === 'tactics' && !isFamily) throw new UserError(`'${f}' is a control category, not a tactic family`);
    if (section === 'controls' && !isCategory) throw new UserError(`'${f}' is a tactic family, not a control category`);
    // A family narrows the listing to the section it belongs to.
    tactics = isFamily ? tactics?.filter((t) => t.family === (f as TacticFamily)) : undefined;
    controls = isCategory ? controls?.filter((c) => c.category === (f as ControlCategory)) : undefined;
    kinds = undefined;
  }
  return { ...(tactics ? { tactics } : {}), ...(controls ? { controls } : {}), ...(kinds ? { kinds } : {}) };
}

function frameworksInfo() {
  return {
    atlas: { version: ATLAS_VERSION, notice: ATLAS_NOTICE },
    aidefend: { version: AIDEFEND_VERSION, notice: AIDEFEND_NOTICE },
  };
}

function terminalWidth(): number {
  return process.stdout.columns || Number(process.env.COLUMNS) || 120;
}

/**
 * Fit a table to the terminal: the last column wraps (table() does that), and `flex` (a name column) is cut
 * with an ellipsis when the fixed columns would otherwise leave the last one less than `minLast` characters.
 */
function fitted(headers: string[], rows: string[][], flex: number, minLast: number): string {
  const width = terminalWidth();
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const others = widths.reduce((sum, w, i) => (i === flex || i === widths.length - 1 ? sum : sum + w + 2), 0);
  // Prefer a readable last column; on a narrow terminal give it only table()'s own minimum of 20.
  let room = width - others - 2 - minLast;
  if (room < 16) room = width - others - 2 - 20;
  const flexWidth = Math.max(Math.min(widths[flex] ?? 0, room), 10);
  const cut = (s: string) => (s.length > flexWidth ? `${s.slice(0, flexWidth - 1)}…` : s);
  return table(
    headers,
    rows.map((r) => r.map((cell, i) => (i === flex ? cut(cell) : cell))),
    width,
  );
}

/** Wrap prose (the licence notices) at word boundaries to the terminal width. */
function wrapText(text: string): string {
  const width = Math.max(40, terminalWidth() - 1);
  return text
    .split('\n')
    .map((para) => {
      const lines: string[] = [];
      let line = '';
      for (const word of para.split(' ')) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      return [...lines, line].join('\n');
    })
    .join('\n');
}

function tacticsTable(tactics: Tactic[], sourceOf?: (id: string) => string): string {
  const rows = tactics.map((t) => [
    t.id,
    t.name,
    t.family,
    ...(sourceOf ? [sourceOf(t.id)] : []),
    t.atlas.join(' ') || '-',
  ]);
  return fitted(['ID', 'NAME', 'FAMILY', ...(sourceOf ? ['PACK'] : []), 'ATLAS'], rows, 1, 28);
}

function controlsTable(controls: Control[], sourceOf?: (id: string) => string): string {
  const rows = controls.map((c) => {
    const refs = [...c.aidefend.map((r) => r.id), ...c.atlasMitigations.map((r) => r.id)];
    return [c.id, c.name, c.category, ...(sourceOf ? [sourceOf(c.id)] : []), refs.join(' ') || '-'];
  });
  return fitted(['ID', 'NAME', 'CATEGORY', ...(sourceOf ? ['PACK'] : []), 'AIDEFEND / ATLAS'], rows, 1, 28);
}

function kindsTable(kinds: KindInfo[]): string {
  return table(
    ['KIND', 'NAME', 'DESCRIPTION'],
    kinds.map((k) => [k.kind, k.name, k.description]),
    terminalWidth(),
  );
}

function renderSelection(s: Selection, view: View): string {
  const parts: string[] = [];
  if (view.model)
    parts.push(
      `${color.bold(view.model.file)}: packs ${view.model.packs.join(', ')}; its own: ${view.model.custom.tactics.length} tactic(s), ${view.model.custom.controls.length} control(s)`,
    );
  const section = (title: string, n: number, body: string) =>
    parts.push(`${color.bold(`${title} (${n})`)}\n${n ? body : color.dim('  none match')}`);
  if (s.tactics) section('Tactics', s.tactics.length, tacticsTable(s.tactics, view.sourceOf));
  if (s.controls) section('Controls', s.controls.length, controlsTable(s.controls, view.sourceOf));
  if (s.kinds) section('Component kinds', s.kinds.length, kindsTable(s.kinds));
  const notices: string[] = [];
  if (s.tactics?.length || s.controls?.length) notices.push(`ATLAS ids from release ${ATLAS_VERSION} (Apache-2.0).`);
  if (s.controls?.some((c) => c.aidefend.length > 0)) notices.push(AIDEFEND_NOTICE);
  if (view.model?.elsewhere) parts.push(color.dim(wrapText(view.model.elsewhere)));
  if (notices.length) parts.push(color.dim(wrapText(notices.join('\n'))));
  return parts.join('\n\n');
}

function overview(): string {
  const families = table(
    ['FAMILY', 'TACTICS', 'ABOUT'],
    TACTIC_FAMILIES.map((f) => [f, String(TACTICS.filter((t) => t.family === f).length), FAMILY_INFO[f].summary]),
    terminalWidth(),
  );
  const categories = table(
    ['CATEGORY', 'CONTROLS', 'SIMPLE HEURISTICS'],
    CONTROL_CATEGORIES.map((c) => {
      const cs = CONTROLS.filter((x) => x.category === c);
      return [c, String(cs.length), String(cs.filter((x) => x.simple).length)];
    }),
    terminalWidth(),
  );
  return [
    `${color.bold('nograd catalog')}: ${TACTICS.length} tactics, ${CONTROLS.length} controls, ${Object.keys(KIND_INFO).length} component kinds`,
    families,
    categories,
    'List a section:  nograd catalog tactics|controls|kinds [--family F] [--search TEXT] [--format json]',
    color.dim(wrapText(`${ATLAS_NOTICE}\n${AIDEFEND_NOTICE}`)),
  ].join('\n\n');
}
