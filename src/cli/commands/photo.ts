import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { PhotoAddOptions } from './photo-actions.js';

export function register(program: Command): void {
  const photo = program
    .command('photo')
    .description('record progress photos (the image stays where it is on disk) and compare them')
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack photo add ~/Pictures/2025-03-04-front.jpg --type front
  $ fittrack photo list
  $ fittrack photo compare 1 4`,
    );

  photo
    .command('add')
    .description("record a photo: its path, SHA-256, and that day's weight and body fat")
    .argument('<image-file>', 'the image (JPEG, PNG, WebP, GIF, HEIC)')
    .option('--type <type>', 'front, side, back, flex or comparison', 'front')
    .option('--date <date>', 'the day it was taken (default today)')
    .option('--public', 'mark it as shareable')
    .option('--force', 'record an image that is already recorded')
    .option('--note <text>', 'a note')
    .option('--json', 'print the stored record as JSON on stdout')
    .action(async (file: string, opts: PhotoAddOptions, cmd: Command) => {
      const { runPhotoAdd } = await import('./photo-actions.js');
      await runPhotoAdd(cmd.optsWithGlobals<GlobalOptions>(), file, opts);
    });

  photo
    .command('list')
    .description('list progress photos')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runPhotoList } = await import('./photo-actions.js');
      await runPhotoList(cmd.optsWithGlobals<GlobalOptions>(), opts);
    });

  photo
    .command('compare')
    .description("show two photos' days side by side: weight, body fat, lean and fat mass, waist, and the change")
    .argument('<id1>', 'the earlier photo')
    .argument('<id2>', 'the later photo')
    .option('--json', 'print as JSON')
    .action(async (id1: string, id2: string, opts: { json?: boolean }, cmd: Command) => {
      const { runPhotoCompare } = await import('./photo-actions.js');
      await runPhotoCompare(cmd.optsWithGlobals<GlobalOptions>(), id1, id2, opts);
    });
}
