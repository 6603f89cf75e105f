/**
 * Small formatting rules shared by the view builders. Objects in the cache come both from typed
 * list calls (dates as Date) and from raw watch events (dates as strings), so every date goes
 * through `iso`.
 */
export function iso(value: Date | string | undefined | null): string {
  if (!value) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return value;
}

export function quantity(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value);
}

export function quantities(map: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map ?? {})) out[key] = quantity(value);
  return out;
}

/** The trailing ordinal of `<prefix>-<n>`, or null. */
export function trailingOrdinal(name: string, prefix: string): number | null {
  if (!name.startsWith(`${prefix}-`)) return null;
  const rest = name.slice(prefix.length + 1);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : null;
}

export function labelsMatch(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  if (entries.length === 0) return false;
  return entries.every(([key, value]) => labels?.[key] === value);
}
