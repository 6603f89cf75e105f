import { FileSystemError } from '../filesystem/fileSystemError';
import { builtinCommands, commandName, shellNames } from './builtins';
import type { CommandStreams, ShellState } from './commandContext';
import { emptyInput, readAll, stringInput } from './inputSource';
import { parseScript, ShellSyntaxError, type Pipeline, type Script, type SimpleCommand, type Word } from './shellSyntax';

/**
 * Runs scripts of the sandbox shell over built-in commands. Pipelines run one command after the
 * other, each reading the whole output of the previous one: enough for `cat f | wc -l`, and
 * nothing ever runs on the host.
 */

/** `exit N` unwinds to the shell that runs the script. */
class ExitRequest {
  constructor(readonly status: number) {}
}

function expandWord(word: Word, shell: ShellState): { text: string; globbable: boolean } {
  let text = '';
  let globbable = false;
  for (const part of word) {
    if (part.kind === 'text') {
      // Quoted wildcards stay literal: escape them so the glob step does not see them.
      if (!part.quoted && /[*?]/.test(part.text)) globbable = true;
      text += part.quoted ? part.text.replace(/[*?\\]/g, '\\$&') : part.text;
      continue;
    }
    const name = part.name;
    let value: string;
    if (name === '?') value = String(shell.lastStatus);
    else if (name === '$') value = '1';
    else if (name === '#') value = String(Math.max(0, shell.positional.length - 1));
    else if (/^\d$/.test(name)) value = shell.positional[Number(name)] ?? '';
    else value = shell.env.get(name) ?? '';
    text += value.replace(/[*?\\]/g, '\\$&');
  }
  return { text, globbable };
}

function unescapeGlob(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function globPattern(segment: string): RegExp {
  let source = '';
  for (let index = 0; index < segment.length; index += 1) {
    const character = segment[index];
    if (character === '\\' && index + 1 < segment.length) source += segment[(index += 1)].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (character === '*') source += '[^/]*';
    else if (character === '?') source += '[^/]';
    else source += character.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Expands wildcards in the last path segment (`data/*`, `*.txt`); no match keeps the word. */
async function expandGlob(text: string, shell: ShellState): Promise<string[]> {
  const slash = text.lastIndexOf('/');
  const directory = slash >= 0 ? text.slice(0, slash + 1) : '';
  const pattern = text.slice(slash + 1);
  if (/(^|[^\\])[*?]/.test(directory)) return [unescapeGlob(text)];
  try {
    const entries = await shell.fs.readDirectory(unescapeGlob(directory) || '.', shell.cwd);
    const matcher = globPattern(pattern);
    const matches = entries.map((entry) => entry.name).filter((name) => matcher.test(name) && (!name.startsWith('.') || pattern.startsWith('.')));
    if (matches.length) return matches.sort().map((name) => `${unescapeGlob(directory)}${name}`);
  } catch {
    // A directory that cannot be listed leaves the word as written, as sh does.
  }
  return [unescapeGlob(text)];
}

async function expandWords(words: Word[], shell: ShellState): Promise<string[]> {
  const argv: string[] = [];
  for (const word of words) {
    const { text, globbable } = expandWord(word, shell);
    if (globbable) argv.push(...(await expandGlob(text, shell)));
    else argv.push(unescapeGlob(text));
  }
  return argv;
}

function describeError(error: unknown): string {
  return error instanceof FileSystemError ? error.message : error instanceof Error ? error.message : String(error);
}

export class ShellInterpreter {
  constructor(private readonly shell: ShellState) {}

  /** Runs a script text; syntax errors print like busybox (`sh: syntax error: ...`) with status 2. */
  async runText(text: string, streams: CommandStreams): Promise<number> {
    let script: Script;
    try {
      script = parseScript(text);
    } catch (error) {
      if (error instanceof ShellSyntaxError) {
        streams.stderr(`sh: ${error.message}\n`);
        this.shell.lastStatus = 2;
        return 2;
      }
      throw error;
    }
    return this.runScript(script, streams);
  }

  /** Like runText, but `exit` ends it with its status instead of propagating. */
  async runTopLevel(text: string, streams: CommandStreams): Promise<{ status: number; exited: boolean }> {
    try {
      return { status: await this.runText(text, streams), exited: false };
    } catch (error) {
      if (error instanceof ExitRequest) return { status: error.status, exited: true };
      throw error;
    }
  }

  private async runScript(script: Script, streams: CommandStreams): Promise<number> {
    let status = this.shell.lastStatus;
    for (const list of script) {
      if (streams.signal.aborted) return 130;
      status = await this.runPipeline(list.first, streams);
      for (const next of list.rest) {
        if ((next.operator === '&&') === (status === 0)) status = await this.runPipeline(next.pipeline, streams);
      }
      this.shell.lastStatus = status;
    }
    return status;
  }

  private async runPipeline(pipeline: Pipeline, streams: CommandStreams): Promise<number> {
    let input = streams.stdin;
    let status = 0;
    for (let index = 0; index < pipeline.commands.length; index += 1) {
      const last = index === pipeline.commands.length - 1;
      let captured = '';
      const commandStreams: CommandStreams = last ? { ...streams, stdin: input } : { ...streams, stdin: input, stdout: (text) => (captured += text) };
      status = await this.runCommand(pipeline.commands[index], commandStreams);
      input = stringInput(captured);
      this.shell.lastStatus = status;
    }
    return status;
  }

  private async runCommand(command: SimpleCommand, streams: CommandStreams): Promise<number> {
    const argv = await expandWords(command.words, this.shell);
    const assignments = new Map<string, string>();
    for (const assignment of command.assignments) assignments.set(assignment.name, unescapeGlob(expandWord(assignment.value, this.shell).text));
    if (argv.length === 0) {
      for (const [name, value] of assignments) this.shell.env.set(name, value);
    }

    // Redirections: outputs are collected and written when the command ends.
    let stdin = streams.stdin;
    const outputs: Array<{ fd: 1 | 2; path: string; append: boolean; text: string }> = [];
    let stdoutSink = streams.stdout;
    let stderrSink = streams.stderr;
    for (const redirect of command.redirects) {
      if (redirect.mode === 'duplicate') {
        if (redirect.fd === 2 && redirect.toFd === 1) stderrSink = (text) => stdoutSink(text);
        else if (redirect.fd === 1 && redirect.toFd === 2) stdoutSink = (text) => stderrSink(text);
        continue;
      }
      const target = unescapeGlob(expandWord(redirect.target, this.shell).text);
      if (redirect.mode === 'read') {
        if (target === '/dev/null') {
          stdin = emptyInput;
          continue;
        }
        try {
          stdin = stringInput((await this.shell.fs.readFile(target, this.shell.cwd)).toString('utf8'));
        } catch (error) {
          streams.stderr(`sh: can't open '${target}': ${describeError(error)}\n`);
          return 1;
        }
        continue;
      }
      if (target === '/dev/null') {
        if (redirect.fd === 1) stdoutSink = () => undefined;
        else stderrSink = () => undefined;
        continue;
      }
      if (target === '/dev/stderr') {
        if (redirect.fd === 1) stdoutSink = (text) => streams.stderr(text);
        continue;
      }
      if (target === '/dev/stdout') {
        if (redirect.fd === 2) stderrSink = (text) => streams.stdout(text);
        continue;
      }
      const output = { fd: redirect.fd as 1 | 2, path: target, append: redirect.mode === 'append', text: '' };
      try {
        // Create (or truncate) now, as the shell opens the file before the command runs.
        await this.shell.fs.writeFile(target, '', { append: true, cwd: this.shell.cwd });
        const info = await this.shell.fs.stat(target, this.shell.cwd);
        if (info?.type === 'directory') throw new FileSystemError('EISDIR', target);
      } catch (error) {
        streams.stderr(`sh: can't create ${target}: ${describeError(error)}\n`);
        return 1;
      }
      outputs.push(output);
      if (redirect.fd === 1) stdoutSink = (text) => (output.text += text);
      else stderrSink = (text) => (output.text += text);
    }

    const commandStreams: CommandStreams = { ...streams, stdin, stdout: (text) => stdoutSink(text), stderr: (text) => stderrSink(text) };
    let status: number;
    try {
      status = argv.length === 0 ? 0 : await this.runArgv(argv, commandStreams, assignments.size ? new Map([...this.shell.env, ...assignments]) : this.shell.env);
    } finally {
      for (const output of outputs) {
        try {
          await this.shell.fs.writeFile(output.path, output.text, { append: output.append, cwd: this.shell.cwd });
        } catch (error) {
          streams.stderr(`sh: can't create ${output.path}: ${describeError(error)}\n`);
        }
      }
    }
    return status;
  }

  /** Runs one command by argv inside this shell (special built-ins change the shell itself). */
  readonly runArgv = async (argv: string[], streams: CommandStreams, env: Map<string, string>): Promise<number> => {
    const [argv0, ...args] = argv;
    switch (argv0) {
      case 'exit': {
        const status = args[0] === undefined ? this.shell.lastStatus : Number(args[0]);
        throw new ExitRequest(Number.isInteger(status) ? status & 255 : 2);
      }
      case 'cd': {
        const target = this.shell.fs.resolve(args[0] ?? env.get('HOME') ?? '/', this.shell.cwd);
        const info = await this.shell.fs.stat(target).catch(() => undefined);
        if (!info || info.type !== 'directory') {
          streams.stderr(`sh: cd: can't cd to ${args[0] ?? target}: ${info ? 'Not a directory' : 'No such file or directory'}\n`);
          return 2;
        }
        this.shell.cwd = target;
        this.shell.env.set('PWD', target);
        return 0;
      }
      case 'export':
        for (const arg of args) {
          const equals = arg.indexOf('=');
          if (equals > 0) this.shell.env.set(arg.slice(0, equals), arg.slice(equals + 1));
        }
        return 0;
      case 'unset':
        for (const arg of args) this.shell.env.delete(arg);
        return 0;
      case 'which': {
        let status = 0;
        for (const arg of args) {
          if (commandName(arg)) streams.stdout(`${arg.includes('/') ? arg : `/bin/${arg}`}\n`);
          else status = 1;
        }
        return status;
      }
    }
    const name = commandName(argv0);
    if (name && shellNames.has(name)) return this.runSubshell(args, streams, env);
    const command = name ? builtinCommands.get(name) : undefined;
    if (!command) {
      streams.stderr(`sh: ${argv0}: not found\n`);
      return 127;
    }
    const state: ShellState = env === this.shell.env ? this.shell : { ...this.shell, env };
    return command(args, streams, state, this.runArgv);
  };

  /** `sh -c 'script' [name args...]`, `sh file`, or `sh` reading a script from stdin. */
  private async runSubshell(args: string[], streams: CommandStreams, env: Map<string, string>): Promise<number> {
    const child = new ShellInterpreter({ ...this.shell, env: new Map(env), positional: ['sh'] });
    const flags = args.filter((arg) => /^-[a-z]+$/.test(arg) && arg !== '-c');
    const rest = args.filter((arg) => !flags.includes(arg));
    let text: string;
    if (rest[0] === '-c') {
      if (rest[1] === undefined) {
        streams.stderr('sh: -c requires an argument\n');
        return 2;
      }
      text = rest[1];
      child.shell.positional = rest.length > 2 ? rest.slice(2) : ['sh'];
    } else if (rest[0] !== undefined) {
      try {
        text = (await this.shell.fs.readFile(rest[0], this.shell.cwd)).toString('utf8');
      } catch (error) {
        streams.stderr(`sh: can't open '${rest[0]}': ${describeError(error)}\n`);
        return 2;
      }
      child.shell.positional = rest;
    } else {
      text = await readAll(streams.stdin, streams.signal);
    }
    const result = await child.runTopLevel(text, { ...streams, stdin: rest[0] === undefined ? emptyInput : streams.stdin });
    return result.status;
  }
}
