import type { Command } from 'commander';

export function register(program: Command): void {
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
      const [{ completionScript, SHELLS }, { buildProgram }, { parseChoice }, { stdout }] = await Promise.all([
        import('./completion-script.js'),
        import('../program.js'),
        import('../../domain/validation.js'),
        import('../render/output.js'),
      ]);
      stdout().write(completionScript(parseChoice('<shell>', shell, SHELLS), buildProgram()));
    });
}
