import { readFileSync } from 'node:fs';

/** What the benchmarks read of another process from /proc (Linux): its memory and its CPU time. */

/** Resident memory of a process, in MB. */
export function residentMegabytes(pid: number): number {
  const kilobytes = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return kilobytes / 1024;
}

/** CPU time (user + system, all threads) a process has used so far, in ms. */
export function processCpuMs(pid: number): number {
  // utime and stime are fields 14 and 15 of stat, i.e. 11 and 12 after the parenthesised command name, in ticks of 10 ms.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
