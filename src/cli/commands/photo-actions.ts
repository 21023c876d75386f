/**
 * `fittrack photo add | list | compare`. The image is never copied into the database: only its
 * absolute path and SHA-256, with that day's weight and body fat.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { healthRepo } from '../../db/health-repo.js';
import { PHOTO_TYPES, photoRepo, type PhotoRecord, type PhotoRepo } from '../../db/photo-repo.js';
import { daysBetween, parseDateInput, today } from '../../domain/dates.js';
import { fatMassKg, leanMassKg } from '../../domain/health.js';
import { checkText, parseChoice, parseIdInput } from '../../domain/validation.js';
import { fromCm, fromKg, lengthUnitFor, weightUnitFor, type UnitSystem } from '../../domain/units.js';
import { NotFoundError, RuntimeFailure, UsageError } from '../../errors.js';
import type { GlobalOptions } from '../context.js';
import { withUser } from '../context.js';
import { formatDelta, formatNumber, formatWeight, plural } from '../render/format.js';
import { printJson, printLine, say, warn } from '../render/output.js';

export interface PhotoAddOptions {
  type?: string;
  date?: string;
  public?: boolean;
  force?: boolean;
  note?: string;
  json?: boolean;
}

/** Image formats recognised by their first bytes. */
function imageFormatOf(head: Buffer): string | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'JPEG';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'PNG';
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'WebP';
  if (head.length >= 6 && /^GIF8[79]a$/.test(head.toString('latin1', 0, 6))) return 'GIF';
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1|avif)$/.test(head.toString('latin1', 8, 12))) return 'HEIC';
  return null;
}

/** Checks the file is there and is an image, and returns its absolute path and SHA-256. */
async function readImage(file: string): Promise<{ absolute: string; sha256: string }> {
  const absolute = path.resolve(file);
  let info;
  try {
    info = await stat(absolute);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`<image-file>: ${absolute} does not exist`, 'check the path of the photo');
    if (code === 'EACCES') throw new UsageError(`<image-file>: ${absolute} cannot be read (permission denied)`, 'check the file permissions');
    throw new RuntimeFailure(`<image-file>: cannot read ${absolute}: ${(err as Error).message}`);
  }
  if (!info.isFile()) throw new UsageError(`<image-file>: ${absolute} is not a file`, 'give the path of an image file');
  let head: Buffer;
  try {
    const fh = await open(absolute, 'r');
    try {
      const buf = Buffer.alloc(16);
      const { bytesRead } = await fh.read(buf, 0, 16, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`<image-file>: ${absolute} cannot be read${code === 'EACCES' ? ' (permission denied)' : ''}`, 'check the file permissions');
  }
  if (!imageFormatOf(head)) throw new UsageError(`<image-file>: ${absolute} is not an image (JPEG, PNG, WebP, GIF or HEIC)`, 'give the path of the photo itself');
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(absolute)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve());
  });
  return { absolute, sha256: hash.digest('hex') };
}

function showWeight(kg: number | null, units: UnitSystem): string | null {
  if (kg === null) return null;
  return formatWeight(kg, weightUnitFor(units), 1);
}

/** Runs `fittrack photo add <image-file>`. */
export async function runPhotoAdd(globals: GlobalOptions, file: string, opts: PhotoAddOptions): Promise<void> {
  const photoType = parseChoice('--type', opts.type ?? 'front', PHOTO_TYPES);
  const date = opts.date === undefined ? today() : await parseDateInput(opts.date);
  const note = opts.note === undefined ? null : checkText('--note', opts.note, { maxLength: 'note' });
  const image = await readImage(file);
  await withUser(globals, async ({ db, user }) => {
    const photos = photoRepo(db, user.id);
    const same = await photos.findBySha256(image.sha256);
    if (same.length > 0 && !opts.force) {
      throw new UsageError(`${file}: the same image is already recorded as photo #${same[0]!.id} (${same[0]!.taken_on})`, 'add --force to record it again');
    }
    const day = await healthRepo(db, user.id).findByDate(date);
    const photo = await photos.insert({
      taken_on: date,
      photo_type: photoType,
      file_path: image.absolute,
      sha256: image.sha256,
      weight_kg: day?.weight_kg ?? null,
      body_fat_pct: day?.body_fat_pct ?? null,
      is_public: Boolean(opts.public),
      notes: note,
    });
    if (same.length > 0) warn(`the same image is also recorded as photo #${same[0]!.id} (${same[0]!.taken_on})`);
    if (opts.json) {
      printJson(photo);
      return;
    }
    const numbers = [showWeight(photo.weight_kg, user.preferred_units), photo.body_fat_pct === null ? null : `${formatNumber(photo.body_fat_pct, 1)} % body fat`].filter(Boolean);
    say(`Added photo #${photo.id} (${photo.photo_type}, ${date}${numbers.length ? `: ${numbers.join(', ')}` : ', no weigh-in that day'}) — ${photo.file_path}`);
  });
}

/** Runs `fittrack photo list`. */
export async function runPhotoList(globals: GlobalOptions, opts: { json?: boolean }): Promise<void> {
  await withUser(
    globals,
    async ({ db, user }) => {
      const list = await photoRepo(db, user.id).list();
      if (opts.json) {
        printJson(list);
        return;
      }
      if (list.length === 0) {
        say('No photos yet — add one with: fittrack photo add ~/Pictures/front.jpg');
        return;
      }
      const { renderTable } = await import('../render/table.js');
      const rows = list.map((p) => [
        `#${p.id}`,
        p.taken_on,
        p.photo_type,
        showWeight(p.weight_kg, user.preferred_units),
        p.body_fat_pct === null ? null : `${formatNumber(p.body_fat_pct, 1)} %`,
        p.is_public ? 'yes' : 'no',
        p.file_path,
        p.notes === null ? null : p.notes.length > 30 ? `${p.notes.slice(0, 29)}…` : p.notes,
      ]);
      printLine(renderTable(['ID', 'Date', 'Type', 'Weight', 'Body fat', 'Public', 'File', 'Note'], rows));
    },
    { access: 'read' },
  );
}

function parsePhotoId(field: string, text: string): number {
  return parseIdInput(field, text, { what: 'a photo number', fix: 'see the numbers with: fittrack photo list' });
}

async function getPhoto(photos: PhotoRepo, id: number): Promise<PhotoRecord> {
  const p = await photos.get(id);
  if (!p) throw new NotFoundError(`photo #${id} not found`, 'see your photos with: fittrack photo list');
  return p;
}

/** Runs `fittrack photo compare <id1> <id2>`. */
export async function runPhotoCompare(globals: GlobalOptions, id1Text: string, id2Text: string, opts: { json?: boolean }): Promise<void> {
  const id1 = parsePhotoId('<id1>', id1Text);
  const id2 = parsePhotoId('<id2>', id2Text);
  if (id1 === id2) throw new UsageError(`<id2>: photo #${id2} is the same as <id1>`, 'give two different photos');
  await withUser(
    globals,
    async ({ db, user }) => {
      const photos = photoRepo(db, user.id);
      const health = healthRepo(db, user.id);
      const a = await getPhoto(photos, id1);
      const b = await getPhoto(photos, id2);
      const side = async (p: PhotoRecord) => {
        const day = await health.findByDate(p.taken_on);
        const w = p.weight_kg;
        const bf = p.body_fat_pct;
        return {
          id: p.id,
          taken_on: p.taken_on,
          photo_type: p.photo_type,
          file_path: p.file_path,
          weight_kg: w,
          body_fat_pct: bf,
          lean_mass_kg: w !== null && bf !== null ? leanMassKg(w, bf) : null,
          fat_mass_kg: w !== null && bf !== null ? fatMassKg(w, bf) : null,
          waist_cm: day?.waist_cm ?? null,
        };
      };
      const first = await side(a);
      const second = await side(b);
      const keys = ['weight_kg', 'body_fat_pct', 'lean_mass_kg', 'fat_mass_kg', 'waist_cm'] as const;
      const change = Object.fromEntries(keys.map((k) => [k, first[k] !== null && second[k] !== null ? second[k]! - first[k]! : null])) as Record<(typeof keys)[number], number | null>;
      const days = daysBetween(first.taken_on, second.taken_on);
      if (opts.json) {
        printJson({ first, second, days, change });
        return;
      }
      const units = user.preferred_units;
      const wu = weightUnitFor(units);
      const lu = lengthUnitFor(units);
      const mass = (kg: number | null) => (kg === null ? null : `${formatNumber(fromKg(kg, wu), 1)} ${wu}`);
      const massDelta = (kg: number | null) => (kg === null ? null : formatDelta(fromKg(kg, wu), 1, wu));
      const { renderTable } = await import('../render/table.js');
      const rows = [
        ['Type', first.photo_type, second.photo_type, null],
        ['Weight', mass(first.weight_kg), mass(second.weight_kg), massDelta(change.weight_kg)],
        ['Body fat', first.body_fat_pct === null ? null : `${formatNumber(first.body_fat_pct, 1)} %`, second.body_fat_pct === null ? null : `${formatNumber(second.body_fat_pct, 1)} %`, change.body_fat_pct === null ? null : formatDelta(change.body_fat_pct, 1, '%')],
        ['Lean mass', mass(first.lean_mass_kg), mass(second.lean_mass_kg), massDelta(change.lean_mass_kg)],
        ['Fat mass', mass(first.fat_mass_kg), mass(second.fat_mass_kg), massDelta(change.fat_mass_kg)],
        ['Waist', first.waist_cm === null ? null : `${formatNumber(fromCm(first.waist_cm, lu), 1)} ${lu}`, second.waist_cm === null ? null : `${formatNumber(fromCm(second.waist_cm, lu), 1)} ${lu}`, change.waist_cm === null ? null : formatDelta(fromCm(change.waist_cm, lu), 1, lu)],
      ];
      printLine(renderTable(['Photo', `#${first.id} ${first.taken_on}`, `#${second.id} ${second.taken_on}`, `Change (${plural(days, 'day')})`], rows, { align: ['left', 'right', 'right', 'right'] }));
    },
    { access: 'read' },
  );
}
