import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';
import type { CoachNoteAddOptions } from './coach-note-actions.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command): void {
  const note = program.command('coach-note').description('record coaching sessions and tick off their action items');

  note
    .command('add')
    .description('record a coaching session; the body (markdown) comes from BODY, --file, - (stdin) or $EDITOR')
    .argument('[body]', 'the notes as markdown, or - to read them from stdin')
    .option('--title <title>', 'the session title (required)')
    .option('--coach <name>', "the coach's name")
    .option('--subject <text>', 'what the session was about')
    .option('--topic <topic>', 'a topic (repeat for more)', collect, [])
    .option('--action <text>', 'an action item (repeat for more, in order)', collect, [])
    .option('--rating <n>', 'how useful it was, 1–10')
    .option('--next <date>', 'the next session (future dates allowed)')
    .option('--date <date>', 'the day of the session (default: today)')
    .option('--file <path>', 'read the notes from a markdown file')
    .option('--json', 'print the stored record as JSON on stdout')
    .action(async (body: string | undefined, opts: CoachNoteAddOptions, cmd: Command) => {
      const { runCoachNoteAdd } = await import('./coach-note-actions.js');
      await runCoachNoteAdd(body, opts, cmd.optsWithGlobals<GlobalOptions>());
    });

  note
    .command('list')
    .description('list your coaching sessions')
    .option('--json', 'print JSON on stdout')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runCoachNoteList } = await import('./coach-note-actions.js');
      await runCoachNoteList(opts, cmd.optsWithGlobals<GlobalOptions>());
    });

  note
    .command('show')
    .description('show one coaching session with its notes rendered and its action items')
    .argument('<id>', 'the session id (see coach-note list)')
    .option('--json', 'print JSON on stdout')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const { runCoachNoteShow } = await import('./coach-note-actions.js');
      await runCoachNoteShow(id, opts, cmd.optsWithGlobals<GlobalOptions>());
    });

  note
    .command('actions')
    .description('list the action items of all your coaching sessions')
    .option('--open', 'only the ones not done yet')
    .option('--json', 'print JSON on stdout')
    .action(async (opts: { open?: boolean; json?: boolean }, cmd: Command) => {
      const { runCoachNoteActions } = await import('./coach-note-actions.js');
      await runCoachNoteActions(opts, cmd.optsWithGlobals<GlobalOptions>());
    });

  for (const [verb, done] of [
    ['done', true],
    ['undone', false],
  ] as const) {
    note
      .command(verb)
      .description(done ? 'tick an action item off' : 'mark an action item not done again')
      .argument('<action-id>', 'the action item id (see coach-note actions)')
      .option('--json', 'print the action item as JSON on stdout')
      .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
        const { runCoachNoteDone } = await import('./coach-note-actions.js');
        await runCoachNoteDone(id, done, opts, cmd.optsWithGlobals<GlobalOptions>());
      });
  }

  note.addHelpText(
    'after',
    `
Examples:
  $ fittrack coach-note add --title "Week 2 Review" --coach "Coach Dana" --topic nutrition --action "Protein first: 180 g a day" --next 2025-03-19 "Weight is on plan."
  $ fittrack coach-note add --title "Week 3" --file notes.md
  $ fittrack coach-note actions --open
  $ fittrack coach-note done 4`,
  );
}
