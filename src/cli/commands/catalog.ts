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
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  nograd catalog                          overview: families, categories, counts\n' +
        '  nograd catalog tactics --family layout  the layout tricks (RG Table II and more)\n' +
        '  nograd catalog controls --search AML.M0004\n' +
        '  nograd catalog --search captcha --format json\n' +
        '\nExit codes: 0 ok · 2 unknown section, family or format',
    )
    .action((section: string | undefined, opts: CatalogOptions) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      const chosen = parseSection(section);
      const selection = select(chosen, opts);
      if (format === 'json') {
        out(JSON.stringify({ ...selection, frameworks: frameworksInfo() }, null, 2));
        return;
      }
      if (!chosen && opts.search === undefined && opts.family === undefined) {
        out(overview());
        return;
      }
      out(renderSelection(selection));
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

/** Apply section, --family and --search; without a section every section that can match is included. */
function select(section: CatalogSection | undefined, opts: CatalogOptions): Selection {
  let tactics: Tactic[] | undefined;
  let controls: Control[] | undefined;
  let kinds: KindInfo[] | undefined;
  const found = opts.search === undefined ? undefined : searchCatalog(opts.search, section);
  const want = (s: CatalogSection) => section === undefined || section === s;
  if (want('tactics')) tactics = found ? found.tactics : [...TACTICS];
  if (want('controls')) controls = found ? found.controls : [...CONTROLS];
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

function tacticsTable(tactics: Tactic[]): string {
  const rows = tactics.map((t) => [t.id, t.name, t.family, t.atlas.join(' ') || '-']);
  return fitted(['ID', 'NAME', 'FAMILY', 'ATLAS'], rows, 1, 28);
}

function controlsTable(controls: Control[]): string {
  const rows = controls.map((c) => {
    const refs = [...c.aidefend.map((r) => r.id), ...c.atlasMitigations.map((r) => r.id)];
    return [c.id, c.name, c.category, refs.join(' ') || '-'];
  });
  return fitted(['ID', 'NAME', 'CATEGORY', 'AIDEFEND / ATLAS'], rows, 1, 28);
}

function kindsTable(kinds: KindInfo[]): string {
  return table(
    ['KIND', 'NAME', 'DESCRIPTION'],
    kinds.map((k) => [k.kind, k.name, k.description]),
    terminalWidth(),
  );
}

function renderSelection(s: Selection): string {
  const parts: string[] = [];
  const section = (title: string, n: number, body: string) =>
    parts.push(`${color.bold(`${title} (${n})`)}\n${n ? body : color.dim('  none match')}`);
  if (s.tactics) section('Tactics', s.tactics.length, tacticsTable(s.tactics));
  if (s.controls) section('Controls', s.controls.length, controlsTable(s.controls));
  if (s.kinds) section('Component kinds', s.kinds.length, kindsTable(s.kinds));
  const notices: string[] = [];
  if (s.tactics?.length || s.controls?.length) notices.push(`ATLAS ids from release ${ATLAS_VERSION} (Apache-2.0).`);
  if (s.controls?.some((c) => c.aidefend.length > 0)) notices.push(AIDEFEND_NOTICE);
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
