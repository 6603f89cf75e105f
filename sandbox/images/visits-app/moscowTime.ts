/** Moscow has kept UTC+3 all year since 2014, so a fixed offset is exact. */
const moscowOffsetMs = 3 * 60 * 60 * 1000;

/** "2026-11-25 14:30:05" in Moscow time. */
export function moscowTime(now: Date = new Date()): string {
  const shifted = new Date(now.getTime() + moscowOffsetMs).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}
