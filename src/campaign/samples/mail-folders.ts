/**
 * The user's own mail as seeds: `.eml` files and directories of them, mbox files and Maildir folders, read as exact
 * bytes. Each message gets a stable id and the sha256 of its bytes, and a stratum (the folder or file it came from)
 * for stratified samples.
 *
 * Ids (relative to the campaign file, `/` separators):
 * - a message file: its path (`mail/spam/0001.eml`);
 * - an mbox message: the file's path and its 1-based position (`archive/spam.mbox#3`);
 * - a Maildir message: the Maildir folder and the file name without its `:2,FLAGS` info, whether it sits in `cur/`
 *   or `new/` (`Maildir/.Spam/1700000000.M1P2.host`), so reading flags or moving it to `cur/` keeps its id.
 * Strata: a message file's directory, an mbox file, a Maildir folder (`cur/` and `new/` together).
 *
 * Format detection (`format: auto`, the default), per path: a directory with `cur/` and `new/` is a Maildir; any
 * other directory is walked (Maildirs inside it are read as Maildirs — so Maildir++ subfolders are found —, `.mbox`
 * and `.mbx` files as mbox, `.eml`, `.msg` and `.txt` files as messages; other files are counted and reported as
 * ignored); a file named `.mbox`/`.mbx` is an mbox, any other file one message. A declared format applies to every
 * file: `eml` reads every file (dotfiles aside) as one message, `mbox` every file as an mbox, `maildir` needs Maildirs.
 * Maildir `tmp/` (deliveries in progress) and dotfiles are never read (dotfiles are counted as ignored).
 */
import { type Dirent, readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UserError } from '../../util/errors.js';
import { sha256Hex } from '../../util/hash.js';
import { type MboxVariant, splitMbox } from './mbox.js';

export type MailFormat = 'eml' | 'mbox' | 'maildir';

export interface MailMessage {
  id: string;
  /** The folder or file it came from (for stratified samples). */
  stratum: string;
  format: MailFormat;
  sha256: string;
  bytes: Buffer;
}

export interface MailIndex {
  messages: MailMessage[];
  /** Files that were not read (other extensions, dotfiles), relative to the campaign file. */
  ignored: string[];
}

export interface ReadMailOptions {
  format: 'auto' | MailFormat;
  mbox: MboxVariant;
}

const EML_EXT = /\.(eml|msg|txt)$/i;
const MBOX_EXT = /\.(mbox|mbx)$/i;
const HEADER_LINE = /^([!-9;-~]+[ \t]*:|From )/;

function rel(baseDir: string, abs: string): string {
  return relative(baseDir, abs).split('\\').join('/') || '.';
}

function readBytes(abs: string, shown: string): Buffer {
  try {
    return readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${shown}: ${code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
}

function stat(abs: string, shown: string): Stats {
  try {
    return statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `sample path '${shown}' not found (looked at ${abs})` : `cannot read ${shown}: ${code}`,
    );
  }
}

function listDir(abs: string, shown: string): Dirent[] {
  try {
    return readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    throw new UserError(
      `cannot read the folder ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

function isMaildir(abs: string): boolean {
  try {
    return statSync(join(abs, 'cur')).isDirectory() && statSync(join(abs, 'new')).isDirectory();
  } catch {
    return false;
  }
}

function emlMessage(abs: string, baseDir: string): MailMessage {
  const id = rel(baseDir, abs);
  const bytes = readBytes(abs, id);
  if (bytes.length === 0) throw new UserError(`${id}: the message file is empty`);
  const nl = bytes.indexOf(0x0a);
  const first = bytes.subarray(0, nl === -1 ? bytes.length : nl).toString('latin1');
  if (!HEADER_LINE.test(first)) {
    throw new UserError(`${id}:1: not a mail message: the first line is not a header field ("Name: value")`);
  }
  return { id, stratum: rel(baseDir, dirname(abs)), format: 'eml', sha256: sha256Hex(bytes), bytes };
}

function mboxMessages(abs: string, baseDir: string, variant: MboxVariant): MailMessage[] {
  const shown = rel(baseDir, abs);
  return splitMbox(readBytes(abs, shown), shown, variant).map((m) => ({
    id: `${shown}#${m.index}`,
    stratum: shown,
    format: 'mbox' as const,
    sha256: sha256Hex(m.bytes),
    bytes: m.bytes,
  }));
}

function maildirMessages(abs: string, baseDir: string, ignored: string[]): MailMessage[] {
  const folder = rel(baseDir, abs);
  const out: MailMessage[] = [];
  const seen = new Map<string, string>();
  for (const sub of ['cur', 'new']) {
    for (const e of listDir(join(abs, sub), `${folder}/${sub}`)) {
      const path = join(abs, sub, e.name);
      if (e.name.startsWith('.') || !e.isFile()) {
        ignored.push(rel(baseDir, path));
        continue;
      }
      const unique = e.name.split(':')[0]!;
      const id = `${folder}/${unique}`;
      const twin = seen.get(id);
      if (twin)
        throw new UserError(`${folder}: the Maildir holds message ${unique} twice (${twin} and ${sub}/${e.name})`);
      seen.set(id, `${sub}/${e.name}`);
      const m = emlMessage(path, baseDir);
      out.push({ ...m, id, stratum: folder, format: 'maildir' });
    }
  }
  return out;
}

/**
 * Read every message under `paths` (relative to `baseDir`). Throws a UserError naming the file (and line, for
 * mbox) on anything unreadable or malformed, and on a path that holds no message.
 */
export function readMail(paths: readonly string[], baseDir: string, options: ReadMailOptions): MailIndex {
  const messages: MailMessage[] = [];
  const ignored: string[] = [];
  const format = options.format;

  const readFile = (abs: string, explicit: boolean): void => {
    const name = basename(abs);
    if (!explicit && name.startsWith('.')) {
      ignored.push(rel(baseDir, abs));
      return;
    }
    const kind =
      format === 'mbox' || (format === 'auto' && MBOX_EXT.test(name))
        ? 'mbox'
        : format === 'eml' || explicit || EML_EXT.test(name)
          ? 'eml'
          : null;
    if (kind === 'mbox') messages.push(...mboxMessages(abs, baseDir, options.mbox));
    else if (kind === 'eml') messages.push(emlMessage(abs, baseDir));
    else ignored.push(rel(baseDir, abs));
  };

  const walk = (abs: string): void => {
    if (format !== 'eml' && format !== 'mbox' && isMaildir(abs)) {
      messages.push(...maildirMessages(abs, baseDir, ignored));
      // Maildir++: subfolders (.Spam, .Archive) are Maildirs inside the Maildir.
      for (const e of listDir(abs, rel(baseDir, abs))) {
        if (e.isDirectory() && !['cur', 'new', 'tmp'].includes(e.name)) walk(join(abs, e.name));
      }
      return;
    }
    for (const e of listDir(abs, rel(baseDir, abs))) {
      const p = join(abs, e.name);
      // A symbolic link counts as what it points to (a dangling one is reported by stat).
      const st = e.isSymbolicLink() ? stat(p, rel(baseDir, p)) : e;
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) readFile(p, false);
      else ignored.push(rel(baseDir, p));
    }
  };

  for (const p of paths) {
    const abs = resolve(baseDir, p);
    const st = stat(abs, p);
    const before = messages.length;
    if (st.isDirectory()) {
      if (format === 'maildir' && !isMaildir(abs)) {
        throw new UserError(`'${p}' is not a Maildir: it has no cur/ and new/ folders`);
      }
      walk(abs);
    } else if (format === 'maildir') {
      throw new UserError(`'${p}' is a file; format: maildir needs a Maildir folder (with cur/ and new/)`);
    } else readFile(abs, true);
    if (messages.length === before) {
      const skipped = ignored.filter((f) => f.startsWith(rel(baseDir, abs)));
      throw new UserError(
        `no messages in '${p}'${
          skipped.length
            ? `: ${skipped.length} file(s) there are not .eml/.msg/.txt/.mbox (e.g. ${skipped[0]}); declare format: eml or format: mbox to read them`
            : ' (the folder is empty)'
        }`,
      );
    }
  }
  return { messages, ignored };
}

/** Lower-case sha256 (64 hex digits): an exclude entry that is a hash, not an id. */
export function isSha256(s: string): boolean {
  return /^[0-9a-f]{64}$/i.test(s);
}
