import fs from 'node:fs';
import path from 'node:path';
import { resolveActingUser, withDatabase, type GlobalOptions } from '../context.js';
import { InputError, RuntimeFailure } from '../../errors.js';
import { createUserFromDocument, hasNoUsers, importAccount, resolveImportTarget } from '../../db/account-repo.js';
import { SECTIONS } from '../../domain/export-format.js';
import { validateExportDocument, type ExportDocument } from '../../domain/export-document.js';
import { printJson, say, warn } from '../render/output.js';
import { foldName } from '../../domain/names.js';
import { holdsBinaryData } from '../../parse/text-input.js';
import { plural, pluralOfTable } from '../../domain/plural.js';

/** Reads and checks the document; every problem names its JSON path. */
function readDocument(file: string): ExportDocument {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a folder' : e.code === 'EACCES' ? 'permission denied' : e.message;
    throw new RuntimeFailure(`cannot read ${file}: ${reason}`, 'give the path of a file written by fittrack export --format json');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // JSON.parse quotes the text it stopped at: raw bytes of a binary file must not reach the terminal.
    if (holdsBinaryData(text)) throw new InputError('not valid JSON: the file is not text (it holds binary data)', { file, hint: 'give a file written by fittrack export --format json' });
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
    throw new InputError(`not valid JSON: ${msg.split('\n')[0]}`, { file, line, hint: 'give a file written by fittrack export --format json' });
  }
  const errors = validateExportDocument(doc);
  if (errors.length > 0) {
    for (const e of errors.slice(1, 10)) say(`${file}: ${e}`);
    const more = errors.length > 1 ? ` (and ${plural(errors.length - 1, 'more problem')}, listed above)` : '';
    throw new InputError(`${errors[0]}${more}`, { file, hint: 'fix the document, or export it again with fittrack export --format json' });
  }
  const valid = doc as ExportDocument;
  // Sections a version 1 document cannot have are not read from it.
  if (valid.format_version === 1) {
    delete valid.exercise_definitions;
    delete valid.shares;
  }
  return valid;
}

export async function runImportJson(globals: GlobalOptions, file: string, opts: { dryRun?: boolean; json?: boolean }): Promise<void> {
  const doc = readDocument(file);
  await withDatabase(globals, async (ctx) => {
    // An empty database gets the document's account itself, under its own name.
    if (await hasNoUsers(ctx.db)) {
      if (opts.dryRun) {
        const counts = Object.fromEntries(SECTIONS.map((s) => [s, doc[s]?.length ?? 0]));
        if (opts.json) printJson({ file, user: doc.user.username, dry_run: true, created: counts, unchanged: Object.fromEntries(SECTIONS.map((s) => [s, 0])), conflicts: [], profile_updated: [], shares_skipped: [] });
        else say(`would create ${plural(Object.values(counts).reduce((a, b) => a + b, 0), 'record')} for ${doc.user.username} in an empty database\ndry run: nothing was written`);
        return;
      }
      await createUserFromDocument(ctx.db, doc.user);
    }
    // The records always go into the account of the user running the command.
    const acting = await resolveActingUser(ctx, globals, 'write');
    const target = resolveImportTarget(acting);
    if (foldName(target.username) !== foldName(doc.user.username)) warn(`the file holds the data of "${doc.user.username}"; it is restored into your account "${target.username}"`);
    const summary = await importAccount(ctx.db, target.id, doc, { dryRun: opts.dryRun, file: file === '-' ? 'stdin' : path.basename(file) });
    const created = Object.values(summary.created).reduce((a, b) => a + b, 0);
    const unchanged = Object.values(summary.unchanged).reduce((a, b) => a + b, 0);
    if (opts.json) {
      printJson({
        file,
        user: target.username,
        dry_run: Boolean(opts.dryRun),
        created: summary.created,
        unchanged: summary.unchanged,
        conflicts: summary.conflicts,
        profile_updated: summary.profile,
        shares_skipped: summary.skipped_shares,
      });
      return;
    }
    const parts = SECTIONS.filter((s) => summary.created[s] > 0).map((s) => pluralOfTable(summary.created[s], s));
    say(`${opts.dryRun ? 'would create' : 'created'} ${plural(created, 'record')} for ${target.username}${parts.length ? `: ${parts.join(', ')}` : ''}; ${unchanged} already present`);
    if (summary.conflicts.length > 0) {
      warn(`${plural(summary.conflicts.length, 'weigh-in')} ${summary.conflicts.length === 1 ? 'differs from the one' : 'differ from the ones'} already stored and ${summary.conflicts.length === 1 ? 'was' : 'were'} left as stored: ${summary.conflicts.slice(0, 5).join(', ')}${summary.conflicts.length > 5 ? ', …' : ''}`);
    }
    if (summary.skipped_shares.length > 0) warn(`${plural(summary.skipped_shares.length, 'share')} not restored: no account here named ${summary.skipped_shares.join(', ')} (grant them with fittrack share grant NAME)`);
    if (opts.dryRun) say('dry run: nothing was written');
  }, { dryRun: opts.dryRun });
}
