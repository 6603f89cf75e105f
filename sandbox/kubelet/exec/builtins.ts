import type { BuiltinCommand } from './commandContext';
import { cat, head, ls, mkdir, tail, touch, wc } from './fileCommands';
import { grep } from './grepCommand';
import { clear, date, falseCommand, hostname, id, pwd, sleep, trueCommand, uname, whoami } from './systemCommands';
import { echo, env, printenv } from './textCommands';

/** The programs a sandbox container has, as busybox applets on an Alpine image. `sh` is the shell itself. */
export const builtinCommands: ReadonlyMap<string, BuiltinCommand> = new Map<string, BuiltinCommand>([
  ['cat', cat],
  ['ls', ls],
  ['echo', echo],
  ['env', env],
  ['printenv', printenv],
  ['hostname', hostname],
  ['pwd', pwd],
  ['date', date],
  ['head', head],
  ['tail', tail],
  ['wc', wc],
  ['mkdir', mkdir],
  ['touch', touch],
  ['true', trueCommand],
  ['false', falseCommand],
  ['sleep', sleep],
  ['id', id],
  ['whoami', whoami],
  ['uname', uname],
  ['clear', clear],
  ['grep', grep],
]);

/** Names the shell handles itself. */
export const shellNames = new Set(['sh', 'ash']);

const binaryDirectories = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** `cat`, `/bin/cat`, `/usr/bin/env` -> the applet name; undefined for anything the image does not have. */
export function commandName(argv0: string): string | undefined {
  if (!argv0.includes('/')) return builtinCommands.has(argv0) || shellNames.has(argv0) ? argv0 : undefined;
  const slash = argv0.lastIndexOf('/');
  const directory = argv0.slice(0, slash);
  const name = argv0.slice(slash + 1);
  if (!binaryDirectories.includes(directory)) return undefined;
  return builtinCommands.has(name) || shellNames.has(name) ? name : undefined;
}
