import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

/** Registers `completion` (whose script describes `fullProgram()`, every command) and `__complete`. */
export function register(program: Command, fullProgram: () => Command): void {
  program
    .command('completion')
    .description('print a shell completion script: commands, options and known values')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText(
      'after',
      `
Install:
  $ fittrack completion bash > ~/.local/share/bash-completion/completions/fittrack
  $ fittrack completion zsh > "\${fpath[1]}/_fittrack"
  $ fittrack completion fish > ~/.config/fish/completions/fittrack.fish`,
    )
    .action(async (shell: string) => {
      const [{ completionScript, SHELLS }, { parseChoice }, { stdout }] = await Promise.all([
        import('./completion-script.js'),
        import('../../domain/validation.js'),
        import('../render/output.js'),
      ]);
      stdout().write(completionScript(parseChoice('<shell>', shell, SHELLS), fullProgram()));
    });

  // What the completion scripts ask the database for: one value a line, nothing on any error.
  program
    .command('__complete', { hidden: true })
    .argument('<what>', 'exercises or goals')
    .action(async (what: string, _opts: unknown, cmd: Command) => {
      const [{ withUser }, { stdout }] = await Promise.all([import('../context.js'), import('../render/output.js')]);
      try {
        await withUser(
          { ...cmd.optsWithGlobals<GlobalOptions>(), input: false },
          async ({ db, user }) => {
            let values: string[] = [];
            if (what === 'exercises') values = (await (await import('../../db/exercise-repo.js')).listDefinitions(db, user.id)).map((d) => d.name);
            else if (what === 'goals') values = (await (await import('../../db/goal-repo.js')).goalRepo(db, user.id).list()).map((g) => String(g.id));
            stdout().write(values.map((v) => `${v}\n`).join(''));
          },
          { access: 'read' },
        );
      } catch {
        // Completion never shows an error: a missing login or database just completes nothing.
      }
    });
}
