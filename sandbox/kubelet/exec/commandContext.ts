import type { ContainerFileSystem } from '../filesystem/containerFileSystem';
import type { InputSource } from './inputSource';

/** The state of one shell: what `cd`, `export` and `$?` change. */
export interface ShellState {
  fs: ContainerFileSystem;
  /** All variables are exported: commands see them as their environment. */
  env: Map<string, string>;
  cwd: string;
  hostname: string;
  lastStatus: number;
  /** $0, $1, ... */
  positional: string[];
}

/** The streams one command runs with. */
export interface CommandStreams {
  stdin: InputSource;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborted when the exec client goes away or Ctrl-C interrupts the command. */
  signal: AbortSignal;
  /** Columns of the terminal when there is one (ls prints in columns then). */
  terminalWidth?: number;
}

/** Runs another command by argv (for `env VAR=x cmd`). */
export type RunArgv = (argv: string[], streams: CommandStreams, env: Map<string, string>) => Promise<number>;

export type BuiltinCommand = (args: string[], streams: CommandStreams, shell: ShellState, runArgv: RunArgv) => Promise<number>;
