import type { Command } from 'commander';
import type { GlobalOptions } from '../context.js';

export function register(program: Command): void {
  const config = program
    .command('config')
    .description('show or change your settings: units (metric|imperial), height, date-order (dmy|mdy)')
    .addHelpText(
      'after',
      `
Examples:
  $ fittrack config set units imperial
  $ fittrack config set height 6ft1in
  $ fittrack config set date-order dmy
  $ fittrack config get height
  $ fittrack config list`,
    );

  config
    .command('set')
    .description('change a setting: units metric|imperial, height 183cm|6ft1in|72in, date-order dmy|mdy')
    .argument('<key>', 'units, height or date-order')
    .argument('<value>', 'the new value')
    .option('--json', 'print the settings as JSON on stdout')
    .action(async (key: string, value: string, opts: { json?: boolean }, cmd: Command) => {
      const { runConfigSet } = await import('./config-actions.js');
      await runConfigSet(cmd.optsWithGlobals<GlobalOptions>(), key, value, opts);
    });

  config
    .command('get')
    .description('print one setting (or all of them)')
    .argument('[key]', 'units, height or date-order')
    .option('--json', 'print as JSON')
    .action(async (key: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      const { runConfigGet } = await import('./config-actions.js');
      await runConfigGet(cmd.optsWithGlobals<GlobalOptions>(), key, opts);
    });

  config
    .command('list')
    .description('print every setting')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { runConfigGet } = await import('./config-actions.js');
      await runConfigGet(cmd.optsWithGlobals<GlobalOptions>(), undefined, opts);
    });
}
