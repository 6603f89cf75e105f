import type { ExecIO } from '../runtimeInterface';
import { commandName, shellNames } from './builtins';
import type { CommandStreams, ShellState } from './commandContext';
import { emptyInput, StreamInput } from './inputSource';
import { runInteractiveShell } from './interactiveShell';
import { ShellInterpreter } from './shellInterpreter';

/**
 * One `kubectl exec` into a sandbox container: finds the command among the built-ins (an unknown
 * one fails the way runc does, exit 126), wires stdin/stdout/stderr, and runs an interactive shell
 * when `sh` is started on a terminal.
 */
export interface ExecOptions {
  command: string[];
  stdin: boolean;
  tty: boolean;
  shell: ShellState;
}

/** runc's wording, which containerd and the kubelet pass through to kubectl. */
export function executableNotFoundMessage(argv0: string): string {
  const problem = argv0.includes('/') ? `stat ${argv0}: no such file or directory` : 'executable file not found in $PATH';
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0}": ${problem}: unknown\r\n`;
}

export async function runExecSession(options: ExecOptions, io: ExecIO): Promise<number> {
  const argv0 = options.command[0] ?? '';
  const name = commandName(argv0);
  if (!name) {
    io.writeStderr(executableNotFoundMessage(argv0));
    return 126;
  }

  const closed = new AbortController();
  const input = new StreamInput();
  let width = 80;
  io.onResize((size) => {
    if (size.width > 0) width = size.width;
  });
  io.onClose(() => {
    closed.abort();
    input.close();
  });
  if (options.stdin) io.onStdin((data) => input.push(data));
  else input.close();

  const interpreter = new ShellInterpreter(options.shell);
  const args = options.command.slice(1);
  const interactive = shellNames.has(name) && options.tty && options.stdin && args.every((arg) => arg === '-i' || arg === '-l');
  if (interactive) {
    return runInteractiveShell(interpreter, options.shell, {
      input,
      write: (text) => io.writeStdout(text),
      width: () => width,
      signal: closed.signal,
    });
  }

  // A terminal turns "\n" into "\r\n" and merges stderr into the one stream, as a pty does.
  const convert = (text: string) => (options.tty ? text.replace(/\r?\n/g, '\r\n') : text);
  const streams: CommandStreams = {
    stdin: options.stdin ? input : emptyInput,
    stdout: (text) => io.writeStdout(convert(text)),
    stderr: (text) => (options.tty ? io.writeStdout(convert(text)) : io.writeStderr(text)),
    signal: closed.signal,
    terminalWidth: options.tty ? width : undefined,
  };
  if (shellNames.has(name) && options.stdin && !args.includes('-c') && args.every((arg) => arg.startsWith('-'))) {
    return runScriptFromStdin(interpreter, input, streams);
  }
  return interpreter.runArgv(options.command, streams, options.shell.env);
}

/** `kubectl exec -i pod -- sh` without a terminal: run each line as it arrives, no prompt. */
async function runScriptFromStdin(interpreter: ShellInterpreter, input: StreamInput, streams: CommandStreams): Promise<number> {
  let buffer = '';
  let status = 0;
  for (;;) {
    const chunk = await input.read();
    if (chunk !== null) buffer += chunk;
    const lines = buffer.split('\n');
    buffer = chunk === null ? '' : (lines.pop() ?? '');
    const complete = chunk === null ? lines.filter((line) => line !== '') : lines;
    for (const line of complete) {
      const result = await interpreter.runTopLevel(line, { ...streams, stdin: emptyInput });
      status = result.status;
      if (result.exited || streams.signal.aborted) return status;
    }
    if (chunk === null) return status;
  }
}
