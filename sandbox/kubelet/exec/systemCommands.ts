import type { BuiltinCommand } from './commandContext';

/** Built-ins about the container itself: hostname, pwd, date, true, false, sleep, id, whoami, uname, clear. */

export const hostname: BuiltinCommand = async (_args, streams, shell) => {
  streams.stdout(`${shell.hostname}\n`);
  return 0;
};

export const pwd: BuiltinCommand = async (_args, streams, shell) => {
  streams.stdout(`${shell.cwd}\n`);
  return 0;
};

export const trueCommand: BuiltinCommand = async () => 0;
export const falseCommand: BuiltinCommand = async () => 1;

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime for the directives people use with `date +...`; containers run in UTC. */
export function formatDate(date: Date, format: string): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const directives: Record<string, () => string> = {
    Y: () => String(date.getUTCFullYear()),
    y: () => pad(date.getUTCFullYear() % 100),
    m: () => pad(date.getUTCMonth() + 1),
    d: () => pad(date.getUTCDate()),
    e: () => String(date.getUTCDate()).padStart(2),
    H: () => pad(date.getUTCHours()),
    M: () => pad(date.getUTCMinutes()),
    S: () => pad(date.getUTCSeconds()),
    N: () => pad(date.getUTCMilliseconds() * 1_000_000, 9),
    s: () => String(Math.floor(date.getTime() / 1000)),
    a: () => days[date.getUTCDay()],
    b: () => months[date.getUTCMonth()],
    Z: () => 'UTC',
    z: () => '+0000',
    T: () => `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`,
    F: () => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
    '%': () => '%',
    n: () => '\n',
  };
  return format.replace(/%(.)/g, (whole, directive: string) => directives[directive]?.() ?? whole);
}

export const date: BuiltinCommand = async (args, streams) => {
  const format = args.find((arg) => arg.startsWith('+'));
  const unknown = args.find((arg) => !arg.startsWith('+') && arg !== '-u' && arg !== '-R');
  if (unknown) {
    streams.stderr(`date: invalid date '${unknown}'\n`);
    return 1;
  }
  const now = new Date();
  const text = format ? formatDate(now, format.slice(1)) : args.includes('-R') ? formatDate(now, '%a, %d %b %Y %T +0000') : formatDate(now, '%a %b %e %T %Z %Y');
  streams.stdout(`${text}\n`);
  return 0;
};

function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text);
  if (!match) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]] ?? 1;
  return Number(match[1]) * unit * 1000;
}

export const sleep: BuiltinCommand = async (args, streams) => {
  if (args.length === 0) {
    streams.stderr('sleep: missing operand\n');
    return 1;
  }
  let total = 0;
  for (const arg of args) {
    const duration = parseDuration(arg);
    if (duration === undefined) {
      streams.stderr(`sleep: invalid number '${arg}'\n`);
      return 1;
    }
    total += duration;
  }
  if (streams.signal.aborted) return 130;
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(130);
    };
    const timer = setTimeout(() => {
      streams.signal.removeEventListener('abort', onAbort);
      resolve(0);
    }, total);
    streams.signal.addEventListener('abort', onAbort, { once: true });
  });
};

export const id: BuiltinCommand = async (_args, streams) => {
  streams.stdout('uid=1000(node) gid=1000(node) groups=1000(node)\n');
  return 0;
};

export const whoami: BuiltinCommand = async (_args, streams) => {
  streams.stdout('node\n');
  return 0;
};

export const uname: BuiltinCommand = async (args, streams, shell) => {
  const all = args.includes('-a');
  streams.stdout(all ? `Linux ${shell.hostname} 6.8.0-sandbox #1 SMP x86_64 Linux\n` : 'Linux\n');
  return 0;
};

export const clear: BuiltinCommand = async (_args, streams) => {
  streams.stdout('\x1b[H\x1b[2J');
  return 0;
};
