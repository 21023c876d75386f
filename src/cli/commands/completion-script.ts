/**
 * Shell completion scripts for bash, zsh and fish, generated from the commander program itself:
 * its commands, subcommands and options, plus the values fittrack knows (meal types, export
 * formats, units, session types…). Pure: program in, script text out.
 */
import type { Command, Option } from 'commander';
import { MEAL_TYPES } from '../../domain/meal.js';
import { SESSION_TYPES } from '../../domain/session-type.js';
import { GOAL_TYPES } from '../../domain/goal.js';
import { ROLES } from '../../domain/user-profile.js';
import { DATE_ORDERS } from '../../domain/dates.js';
import { DAILY_RULES, IMPORT_APPS } from '../../domain/app-import.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const PHOTO_TYPES = ['front', 'side', 'back', 'flex', 'comparison'];
const UNITS = ['metric', 'imperial'];

/** Values of an option that are not declared as commander choices, by `path option` or `* option`. */
const OPTION_VALUES: Record<string, readonly string[]> = {
  '* --units': UNITS,
  '* --role': ROLES,
  'log-workout --type': SESSION_TYPES,
  'goal add --type': GOAL_TYPES,
  'photo add --type': PHOTO_TYPES,
  'log-meal --type': MEAL_TYPES,
  'import --from': IMPORT_APPS,
  'import --daily': DAILY_RULES,
};
/** Options whose value is a file or folder. */
const FILE_OPTIONS = new Set(['--db', '--output', '--file', '--html', '--to', '--map']);
/** Values of a command's first operand. */
const OPERAND_VALUES: Record<string, readonly string[]> = {
  'log-meal': MEAL_TYPES,
  completion: SHELLS,
  'config set': ['units', 'height', 'date-order'],
  'config get': ['units', 'height', 'date-order'],
};
/** Operands fittrack looks up in the database (through the hidden `fittrack __complete WHAT`). */
const DYNAMIC_OPERANDS: Record<string, string> = {
  'exercise show': 'exercises',
  'exercise edit': 'exercises',
  'report lifts': 'exercises',
  'goal show': 'goals',
  'goal update': 'goals',
  'goal pause': 'goals',
  'goal resume': 'goals',
  'goal abandon': 'goals',
  'goal complete': 'goals',
};
/** Operands that are files. */
const FILE_OPERANDS = new Set(['import', 'import-md', 'import-json', 'photo add', 'report html']);

export interface CompletionNode {
  /** `goal add`; '' for the program. */
  path: string;
  subcommands: string[];
  options: string[];
  /** Options that take a value, with the values when they are known (empty: anything; ['<file>']: a path). */
  values: Record<string, readonly string[]>;
  operand: readonly string[];
}

function valuesOf(path: string, o: Option): readonly string[] {
  if (o.argChoices && o.argChoices.length > 0) return o.argChoices;
  const long = o.long ?? '';
  if (FILE_OPTIONS.has(long)) return ['<file>'];
  return OPTION_VALUES[`${path} ${long}`] ?? OPTION_VALUES[`* ${long}`] ?? (long === '--date-order' ? DATE_ORDERS : []);
}

/** Every command of the program, depth first, with what completes after it. */
export function completionTree(program: Command): CompletionNode[] {
  const out: CompletionNode[] = [];
  const globals = program.options;
  const walk = (cmd: Command, path: string) => {
    const visible = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden && c.name() !== 'help');
    const options = [...(path === '' ? [] : cmd.options), ...globals].filter((o) => !o.hidden && (path === '' || o.long !== '--version'));
    const values: Record<string, readonly string[]> = {};
    for (const o of options) if (o.required || o.optional) values[o.long ?? o.short!] = valuesOf(path, o);
    out.push({
      path,
      subcommands: visible.map((c) => c.name()),
      options: [...new Set(options.flatMap((o) => [o.long, o.short].filter((x): x is string => Boolean(x))).concat('--help'))],
      values,
      operand: FILE_OPERANDS.has(path) ? ['<file>'] : DYNAMIC_OPERANDS[path] ? [`<${DYNAMIC_OPERANDS[path]}>`] : (OPERAND_VALUES[path] ?? []),
    });
    for (const c of visible) walk(c, path === '' ? c.name() : `${path} ${c.name()}`);
  };
  walk(program, '');
  return out;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bashScript(tree: CompletionNode[]): string {
  const subs = tree.filter((n) => n.subcommands.length).map((n) => `    ${q(n.path)}) echo ${q(n.subcommands.join(' '))} ;;`);
  const opts = tree.map((n) => `    ${q(n.path)}) echo ${q(n.options.join(' '))} ;;`);
  const vals = tree.flatMap((n) =>
    Object.entries(n.values)
      .filter(([, v]) => v.length > 0)
      .map(([o, v]) => `    ${q(`${n.path}|${o}`)}) echo ${q(v.join(' '))} ;;`),
  );
  const takes = tree.flatMap((n) => Object.keys(n.values).map((o) => `${n.path}|${o}`));
  const operands = tree.filter((n) => n.operand.length).map((n) => `    ${q(n.path)}) echo ${q(n.operand.join(' '))} ;;`);
  return `# fittrack completion for bash. Install: fittrack completion bash > ~/.local/share/bash-completion/completions/fittrack
_fittrack_subcommands() {
  case "$1" in
${subs.join('\n')}
  esac
}
_fittrack_options() {
  case "$1" in
${opts.join('\n')}
  esac
}
_fittrack_values() {
  case "$1" in
${vals.join('\n')}
  esac
}
_fittrack_operand() {
  case "$1" in
${operands.join('\n')}
  esac
}
_fittrack_takes_value() {
  case "$1" in
    ${takes.map(q).join('|') || "''"}) return 0 ;;
  esac
  return 1
}
_fittrack() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" i w skip=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      -*) _fittrack_takes_value "$path|$w" && skip=1; continue ;;
    esac
    if [[ " $(_fittrack_subcommands "$path") " == *" $w "* ]]; then path="\${path:+$path }$w"; fi
  done
  if [[ "$prev" == -* ]] && _fittrack_takes_value "$path|$prev"; then
    local values
    values="$(_fittrack_values "$path|$prev")"
    if [[ "$values" == "<file>" || -z "$values" ]]; then COMPREPLY=($(compgen -f -- "$cur")); else COMPREPLY=($(compgen -W "$values" -- "$cur")); fi
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_fittrack_options "$path")" -- "$cur"))
    return 0
  fi
  local words
  words="$(_fittrack_subcommands "$path")"
  if [[ -z "$words" ]]; then
    words="$(_fittrack_operand "$path")"
    if [[ "$words" == "<file>" ]]; then COMPREPLY=($(compgen -f -- "$cur")); return 0; fi
    if [[ "$words" == "<"*">" ]]; then
      local IFS=$'\n' what="\${words:1:\${#words}-2}"
      COMPREPLY=($(compgen -W "$(fittrack __complete "$what" 2>/dev/null)" -- "$cur"))
      return 0
    fi
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _fittrack fittrack
`;
}

function zshScript(tree: CompletionNode[]): string {
  return `#compdef fittrack
# fittrack completion for zsh. Install: fittrack completion zsh > "\${fpath[1]}/_fittrack" (or: source <(fittrack completion zsh))
autoload -U +X bashcompinit && bashcompinit
${bashScript(tree).split('\n').slice(1).join('\n')}`;
}

function fishScript(tree: CompletionNode[]): string {
  const lines = ['# fittrack completion for fish. Install: fittrack completion fish > ~/.config/fish/completions/fittrack.fish', 'complete -c fittrack -f'];
  for (const n of tree) {
    const words = n.path === '' ? [] : n.path.split(' ');
    // The condition: every word of the path seen, and none of this node's own subcommands yet.
    const seen = words.length === 0 ? '__fish_use_subcommand' : words.map((w) => `__fish_seen_subcommand_from ${w}`).join('; and ');
    const notDeeper = n.subcommands.length ? `; and not __fish_seen_subcommand_from ${n.subcommands.join(' ')}` : '';
    const cond = words.length === 0 ? seen : `${seen}${notDeeper}`;
    if (n.subcommands.length) lines.push(`complete -c fittrack -n ${q(cond)} -a ${q(n.subcommands.join(' '))}`);
    const dynamic = /^<(\w+)>$/.exec(n.operand[0] ?? '');
    if (n.operand[0] === '<file>') lines.push(`complete -c fittrack -n ${q(cond)} -F`);
    else if (dynamic) lines.push(`complete -c fittrack -n ${q(cond)} -a ${q(`(fittrack __complete ${dynamic[1]} 2>/dev/null)`)}`);
    else if (n.operand.length) lines.push(`complete -c fittrack -n ${q(cond)} -a ${q(n.operand.join(' '))}`);
    for (const o of n.options) {
      if (!o.startsWith('--')) continue;
      const v = n.values[o];
      const arg = v === undefined ? '' : v[0] === '<file>' ? ' -r -F' : v.length ? ` -x -a ${q(v.join(' '))}` : ' -x';
      lines.push(`complete -c fittrack -n ${q(cond)} -l ${o.slice(2)}${arg}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The completion script for a shell.
 *
 * @example completionScript('bash', buildProgram()) → '# fittrack completion for bash…'
 */
export function completionScript(shell: Shell, program: Command): string {
  const tree = completionTree(program);
  if (shell === 'bash') return bashScript(tree);
  if (shell === 'zsh') return zshScript(tree);
  return fishScript(tree);
}
