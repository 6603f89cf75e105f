import type { CommandStreams } from './commandContext';
import { emptyInput, type StreamInput } from './inputSource';
import type { ShellInterpreter } from './shellInterpreter';
import type { ShellState } from './commandContext';

/**
 * `sh` on a terminal (`kubectl exec -it pod -- sh`, the dashboard's terminal): a prompt like
 * busybox's `/app $ `, a line editor (backspace, Ctrl-U, Ctrl-C, Ctrl-D, Ctrl-L, history with the
 * arrow keys), and Ctrl-C interrupting the running command. Ends on `exit` or end of input.
 */
export interface TerminalOptions {
  input: StreamInput;
  /** Raw output to the terminal (already in terminal line endings). */
  write(text: string): void;
  width(): number;
  signal: AbortSignal;
}

// ESC [ ... letter (CSI) or ESC O letter (SS3): what arrow and function keys send.
// eslint-disable-next-line no-control-regex
const escapeSequence = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])/;

const toTerminal = (text: string) => text.replace(/\r?\n/g, '\r\n');

export async function runInteractiveShell(interpreter: ShellInterpreter, shell: ShellState, terminal: TerminalOptions): Promise<number> {
  const history: string[] = [];
  let status = 0;
  const prompt = () => terminal.write(`${shell.cwd} $ `);

  prompt();
  let line = '';
  let historyIndex = 0;
  let pending = '';

  const replaceLine = (next: string) => {
    terminal.write('\b \b'.repeat([...line].length));
    line = next;
    terminal.write(line);
  };

  for (;;) {
    if (terminal.signal.aborted) return status;
    const chunk = pending || (await terminal.input.read());
    pending = '';
    if (chunk === null) return status;
    for (let index = 0; index < chunk.length; index += 1) {
      const character = chunk[index];
      if (character === '\x1b') {
        // Escape sequences: arrow keys for history, the rest ignored.
        const sequence = escapeSequence.exec(chunk.slice(index));
        const length = sequence ? sequence[0].length : 1;
        const code = sequence?.[0].slice(-1);
        if (code === 'A' && historyIndex > 0) {
          historyIndex -= 1;
          replaceLine(history[historyIndex]);
        } else if (code === 'B' && historyIndex < history.length) {
          historyIndex += 1;
          replaceLine(history[historyIndex] ?? '');
        }
        index += length - 1;
        continue;
      }
      if (character === '\x7f' || character === '\b') {
        if (line.length) {
          line = [...line].slice(0, -1).join('');
          terminal.write('\b \b');
        }
        continue;
      }
      if (character === '\x03') {
        terminal.write('^C\r\n');
        line = '';
        prompt();
        continue;
      }
      if (character === '\x04') {
        if (line === '') {
          terminal.write('\r\n');
          return status;
        }
        continue;
      }
      if (character === '\x15') {
        replaceLine('');
        continue;
      }
      if (character === '\x0c') {
        terminal.write(`\x1b[H\x1b[2J`);
        prompt();
        terminal.write(line);
        continue;
      }
      if (character === '\r' || character === '\n') {
        if (character === '\r' && chunk[index + 1] === '\n') index += 1;
        terminal.write('\r\n');
        const command = line;
        line = '';
        if (command.trim()) {
          history.push(command);
          if (history.length > 200) history.shift();
        }
        historyIndex = history.length;
        // Keep what was typed ahead for the next prompt.
        pending = chunk.slice(index + 1);
        const result = await runLine(interpreter, command, terminal);
        status = result.status;
        if (result.exited || terminal.signal.aborted) return status;
        prompt();
        break;
      }
      if (character >= ' ' || character === '\t') {
        if (character === '\t') continue;
        line += character;
        terminal.write(character);
      }
    }
  }
}

async function runLine(interpreter: ShellInterpreter, command: string, terminal: TerminalOptions): Promise<{ status: number; exited: boolean }> {
  if (!command.trim()) return { status: 0, exited: false };
  const interrupt = new AbortController();
  const onOuterAbort = () => interrupt.abort();
  terminal.signal.addEventListener('abort', onOuterAbort, { once: true });
  // Ctrl-C while the command runs interrupts it, like the terminal driver's SIGINT.
  terminal.input.interceptor = (chunk) => {
    if (!chunk.includes('\x03')) return false;
    terminal.write('^C\r\n');
    interrupt.abort();
    return true;
  };
  const streams: CommandStreams = {
    stdin: emptyInput,
    stdout: (text) => terminal.write(toTerminal(text)),
    stderr: (text) => terminal.write(toTerminal(text)),
    signal: interrupt.signal,
    terminalWidth: terminal.width(),
  };
  try {
    return await interpreter.runTopLevel(command, streams);
  } finally {
    terminal.input.interceptor = undefined;
    terminal.signal.removeEventListener('abort', onOuterAbort);
  }
}
