import { FileSystemError } from '../filesystem/fileSystemError';
import type { BuiltinCommand } from './commandContext';
import { readAll } from './inputSource';

/**
 * grep [-i] [-v] [-c] [-n] [-F] PATTERN [FILE...]: lines matching a regular expression (or a fixed
 * string with -F), from files or stdin. Exit 0 when something matched, 1 when nothing did, 2 on errors.
 */
export const grep: BuiltinCommand = async (args, streams, shell) => {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const arg of args) {
    if (operands.length === 0 && /^-[ivcnFE]+$/.test(arg)) for (const flag of arg.slice(1)) flags.add(flag);
    else operands.push(arg);
  }
  const [pattern, ...files] = operands;
  if (pattern === undefined) {
    streams.stderr('Usage: grep [-ivcnF] PATTERN [FILE]...\n');
    return 2;
  }
  let matcher: (line: string) => boolean;
  if (flags.has('F')) {
    const needle = flags.has('i') ? pattern.toLowerCase() : pattern;
    matcher = (line) => (flags.has('i') ? line.toLowerCase() : line).includes(needle);
  } else {
    let expression: RegExp;
    try {
      expression = new RegExp(pattern, flags.has('i') ? 'i' : '');
    } catch {
      streams.stderr(`grep: bad regex '${pattern}'\n`);
      return 2;
    }
    matcher = (line) => expression.test(line);
  }
  const sources = files.length ? files : ['-'];
  let matched = 0;
  let status = 0;
  for (const source of sources) {
    let text: string;
    try {
      text = source === '-' ? await readAll(streams.stdin, streams.signal) : (await shell.fs.readFile(source, shell.cwd)).toString('utf8');
    } catch (error) {
      streams.stderr(`grep: ${source}: ${error instanceof FileSystemError ? error.message : String(error)}\n`);
      status = 2;
      continue;
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let count = 0;
    lines.forEach((line, index) => {
      if (matcher(line) === flags.has('v')) return;
      count += 1;
      if (flags.has('c')) return;
      const prefix = `${sources.length > 1 ? `${source}:` : ''}${flags.has('n') ? `${index + 1}:` : ''}`;
      streams.stdout(`${prefix}${line}\n`);
    });
    if (flags.has('c')) streams.stdout(`${sources.length > 1 ? `${source}:` : ''}${count}\n`);
    matched += count;
  }
  if (status === 2) return 2;
  return matched > 0 ? 0 : 1;
};
