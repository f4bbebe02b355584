/**
 * Triage actions from the workbench, written to the triage side file next to the model (`system.triage.yaml`) in
 * the format `nograd analyze` reads (`nograd-triage: 1`, `triage:` entries). An existing file keeps its comments
 * and other entries (edited through the `yaml` document model); the entry for the exact finding id is replaced or
 * appended. The file is written whole to a temporary name and renamed, and read back with the CLI's own reader
 * before the rename, so a broken file never lands on disk.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { loadTriageFile } from '../analysis/triage.js';
import { TriageEntry, type TriageEntryT } from '../model/schema.js';
import { UserError } from '../util/errors.js';

export interface TriageAction {
  finding: string;
  status: TriageEntryT['status'];
  justification?: string;
  expires?: string;
  owner?: string;
  ticket?: string;
}

export function writeTriage(file: string, action: TriageAction, today: string): void {
  if (action.finding.includes('*')) throw new UserError('the workbench triages one finding at a time (no wildcards)');
  if (action.status === 'accepted' && !action.justification?.trim())
    throw new UserError('accepting a finding needs a justification');
  const parsed = TriageEntry.safeParse({
    finding: action.finding,
    status: action.status,
    ...(action.justification?.trim() ? { justification: action.justification.trim() } : {}),
    ...(action.ticket ? { ticket: action.ticket } : {}),
    ...(action.owner ? { owner: action.owner } : {}),
    date: today,
    ...(action.expires ? { expires: action.expires } : {}),
  });
  if (!parsed.success) throw new UserError(`invalid triage entry: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const entry = parsed.data;
  const doc = existsSync(file)
    ? parseDocument(readFileSync(file, 'utf8'))
    : parseDocument(
        '# Triage decisions on nograd findings (read by `nograd analyze`).\nnograd-triage: 1\ntriage: []\n',
      );
  if (doc.errors.length) throw new UserError(`${file}: ${doc.errors[0]!.message}`);
  let list = doc.get('triage', true);
  if (!isSeq(list)) {
    list = new YAMLSeq();
    doc.set('triage', list);
  }
  const seq = list as YAMLSeq;
  const at = seq.items.findIndex((item) => isMap(item) && item.get('finding') === action.finding);
  const node = doc.createNode(entry);
  if (at >= 0) seq.items[at] = node;
  else seq.items.push(node);
  seq.flow = false;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, doc.toString({ lineWidth: 0 }));
  try {
    loadTriageFile(tmp);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
