import type { BuiltinCommand } from './commandContext';

/** Built-ins that print text or the environment: echo, env, printenv. */

function unescape(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character !== '\\' || index + 1 >= text.length) {
      out += character;
      continue;
    }
    const next = text[(index += 1)];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', e: '\x1b' };
    if (next === 'c') return { text: out, stop: true };
    if (next in simple) out += simple[next];
    else if (next === '0') {
      const octal = /^[0-7]{0,3}/.exec(text.slice(index + 1))?.[0] ?? '';
      out += String.fromCharCode(parseInt(octal || '0', 8));
      index += octal.length;
    } else out += `\\${next}`;
  }
  return { text: out, stop: false };
}

export const echo: BuiltinCommand = async (args, streams) => {
  let newline = true;
  let escapes = false;
  let index = 0;
  while (index < args.length && /^-[neE]+$/.test(args[index])) {
    for (const flag of args[index].slice(1)) {
      if (flag === 'n') newline = false;
      else if (flag === 'e') escapes = true;
      else escapes = false;
    }
    index += 1;
  }
  let text = args.slice(index).join(' ');
  if (escapes) {
    const result = unescape(text);
    text = result.text;
    if (result.stop) newline = false;
  }
  streams.stdout(newline ? `${text}\n` : text);
  return 0;
};

function printEnvironment(env: Map<string, string>): string {
  return [...env].map(([name, value]) => `${name}=${value}\n`).join('');
}

export const env: BuiltinCommand = async (args, streams, shell, runArgv) => {
  const environment = new Map(shell.env);
  let index = 0;
  for (; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '-i' || arg === '-') environment.clear();
    else if (arg === '-u') environment.delete(args[(index += 1)] ?? '');
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(arg)) environment.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else break;
  }
  if (index >= args.length) {
    streams.stdout(printEnvironment(environment));
    return 0;
  }
  return runArgv(args.slice(index), streams, environment);
};

export const printenv: BuiltinCommand = async (args, streams, shell) => {
  if (args.length === 0) {
    streams.stdout(printEnvironment(shell.env));
    return 0;
  }
  let status = 0;
  for (const name of args) {
    const value = shell.env.get(name);
    if (value === undefined) status = 1;
    else streams.stdout(`${value}\n`);
  }
  return status;
};
