import type { FileInfo } from '../filesystem/fileBacking';
import { FileSystemError } from '../filesystem/fileSystemError';
import type { BuiltinCommand, CommandStreams, ShellState } from './commandContext';
import { readAll } from './inputSource';

/** Built-ins that read or write files: cat, ls, head, tail, wc, mkdir, touch (busybox wording). */

function reason(error: unknown): string {
  if (error instanceof FileSystemError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Reads each named file (or stdin when none or "-"), reporting failures the busybox way. */
async function eachInput(command: string, files: string[], streams: CommandStreams, shell: ShellState, consume: (text: string, name: string) => void): Promise<number> {
  let status = 0;
  const names = files.length ? files : ['-'];
  for (const name of names) {
    if (streams.signal.aborted) return 130;
    if (name === '-') {
      consume(await readAll(streams.stdin, streams.signal), '-');
      continue;
    }
    try {
      consume((await shell.fs.readFile(name, shell.cwd)).toString('utf8'), name);
    } catch (error) {
      streams.stderr(`${command}: can't open '${name}': ${reason(error)}\n`);
      status = 1;
    }
  }
  return status;
}

function splitOptions(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let optionsDone = false;
  for (const arg of args) {
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && arg.startsWith('-') && arg.length > 1) for (const flag of arg.slice(1)) flags.add(flag);
    else operands.push(arg);
  }
  return { flags, operands };
}

export const cat: BuiltinCommand = async (args, streams, shell) => {
  const { operands } = splitOptions(args);
  return eachInput('cat', operands, streams, shell, (text) => streams.stdout(text));
};

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function longLine(entry: FileInfo): string {
  const mode = entry.type === 'directory' ? (entry.readOnly ? 'dr-xr-xr-x' : 'drwxr-xr-x') : entry.readOnly ? '-r--r--r--' : '-rw-r--r--';
  const date = entry.modified;
  const time = `${monthNames[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2)} ${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${mode}    1 node     node     ${String(entry.size).padStart(9)} ${time} ${entry.name}`;
}

function columns(names: string[], width: number): string {
  if (names.length === 0) return '';
  const cell = Math.max(...names.map((name) => name.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / cell));
  const rows = Math.ceil(names.length / perRow);
  const lines: string[] = [];
  for (let row = 0; row < rows; row += 1) {
    const line: string[] = [];
    for (let column = 0; column < perRow; column += 1) {
      const name = names[column * rows + row];
      if (name !== undefined) line.push(name.padEnd(cell));
    }
    lines.push(line.join('').trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

export const ls: BuiltinCommand = async (args, streams, shell) => {
  const { flags, operands } = splitOptions(args);
  const long = flags.has('l');
  const all = flags.has('a') || flags.has('A');
  const onePerLine = flags.has('1') || streams.terminalWidth === undefined;
  const targets = operands.length ? operands : ['.'];
  let status = 0;
  const render = (entries: FileInfo[]) => {
    if (long) {
      if (entries.length) streams.stdout(`${entries.map(longLine).join('\n')}\n`);
    } else if (onePerLine) {
      if (entries.length) streams.stdout(`${entries.map((entry) => entry.name).join('\n')}\n`);
    } else streams.stdout(columns(entries.map((entry) => entry.name), streams.terminalWidth ?? 80));
  };
  const files: FileInfo[] = [];
  const directories: Array<{ name: string; entries: FileInfo[] }> = [];
  for (const target of targets) {
    try {
      const info = await shell.fs.stat(target, shell.cwd);
      if (!info) throw new FileSystemError('ENOENT', target);
      if (info.type === 'file' || flags.has('d')) files.push({ ...info, name: target });
      else {
        let entries = await shell.fs.readDirectory(target, shell.cwd);
        if (!all) entries = entries.filter((entry) => !entry.name.startsWith('.'));
        if (flags.has('a')) entries = [{ ...info, name: '.' }, { ...info, name: '..' }, ...entries];
        directories.push({ name: target, entries });
      }
    } catch (error) {
      streams.stderr(`ls: ${target}: ${reason(error)}\n`);
      status = 1;
    }
  }
  render(files);
  directories.forEach((directory, index) => {
    if (targets.length > 1) streams.stdout(`${files.length || index > 0 ? '\n' : ''}${directory.name}:\n`);
    if (long) streams.stdout(`total ${directory.entries.length * 4}\n`);
    render(directory.entries);
  });
  return status;
};

function lineCountOption(args: string[], command: string, streams: CommandStreams): { count: number; fromStart: boolean; files: string[] } | undefined {
  let count = 10;
  let fromStart = false;
  const files: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    let value: string | undefined;
    if (arg === '-n') value = args[(index += 1)];
    else if (arg.startsWith('-n')) value = arg.slice(2);
    else if (/^-\d+$/.test(arg)) value = arg.slice(1);
    else {
      files.push(arg);
      continue;
    }
    if (value === undefined || !/^\+?\d+$/.test(value)) {
      streams.stderr(`${command}: invalid number '${value ?? ''}'\n`);
      return undefined;
    }
    fromStart = value.startsWith('+');
    count = Number(value.replace('+', ''));
  }
  return { count, fromStart, files };
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function withHeaders(files: string[], streams: CommandStreams, render: (text: string) => string): (text: string, name: string) => void {
  let first = true;
  return (text, name) => {
    if (files.length > 1) streams.stdout(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
    first = false;
    streams.stdout(render(text));
  };
}

export const head: BuiltinCommand = async (args, streams, shell) => {
  const options = lineCountOption(args, 'head', streams);
  if (!options) return 1;
  const render = (text: string) => splitLines(text).slice(0, options.count).map((line) => `${line}\n`).join('');
  return eachInput('head', options.files, streams, shell, withHeaders(options.files, streams, render));
};

export const tail: BuiltinCommand = async (args, streams, shell) => {
  const options = lineCountOption(args, 'tail', streams);
  if (!options) return 1;
  const render = (text: string) => {
    const lines = splitLines(text);
    const chosen = options.fromStart ? lines.slice(Math.max(0, options.count - 1)) : options.count === 0 ? [] : lines.slice(-options.count);
    return chosen.map((line) => `${line}\n`).join('');
  };
  return eachInput('tail', options.files, streams, shell, withHeaders(options.files, streams, render));
};

export const wc: BuiltinCommand = async (args, streams, shell) => {
  const { flags, operands } = splitOptions(args);
  const chosen = ['l', 'w', 'c'].filter((flag) => flags.has(flag) || (flag === 'c' && flags.has('m')));
  const shown = chosen.length ? chosen : ['l', 'w', 'c'];
  const totals = { l: 0, w: 0, c: 0 };
  const rows: string[] = [];
  const status = await eachInput('wc', operands, streams, shell, (text, name) => {
    const counts = { l: (text.match(/\n/g) ?? []).length, w: text.split(/\s+/).filter(Boolean).length, c: Buffer.byteLength(text) };
    totals.l += counts.l;
    totals.w += counts.w;
    totals.c += counts.c;
    rows.push(format(counts, name === '-' ? '' : name));
  });
  function format(counts: Record<string, number>, name: string): string {
    const numbers = shown.map((flag) => (shown.length === 1 && !name ? String(counts[flag]) : String(counts[flag]).padStart(7)));
    return `${numbers.join(' ')}${name ? ` ${name}` : ''}`.replace(/^ +(?=\d+$)/, '');
  }
  if (operands.length > 1) rows.push(format(totals, 'total'));
  if (rows.length) streams.stdout(`${rows.join('\n')}\n`);
  return status;
};

export const mkdir: BuiltinCommand = async (args, streams, shell) => {
  const { flags, operands } = splitOptions(args);
  if (operands.length === 0) {
    streams.stderr('mkdir: missing operand\n');
    return 1;
  }
  let status = 0;
  for (const target of operands) {
    try {
      await shell.fs.makeDirectory(target, { parents: flags.has('p'), cwd: shell.cwd });
    } catch (error) {
      streams.stderr(`mkdir: can't create directory '${target}': ${reason(error)}\n`);
      status = 1;
    }
  }
  return status;
};

export const touch: BuiltinCommand = async (args, streams, shell) => {
  const { operands } = splitOptions(args);
  if (operands.length === 0) {
    streams.stderr('touch: missing operand\n');
    return 1;
  }
  let status = 0;
  for (const target of operands) {
    try {
      const info = await shell.fs.stat(target, shell.cwd);
      if (info?.type === 'directory') continue;
      await shell.fs.writeFile(target, '', { append: true, cwd: shell.cwd });
    } catch (error) {
      streams.stderr(`touch: ${target}: ${reason(error)}\n`);
      status = 1;
    }
  }
  return status;
};
