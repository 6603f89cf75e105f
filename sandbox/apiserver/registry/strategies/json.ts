/** Narrowing helpers for objects that arrive as untyped JSON. */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record at `parent[key]`, created empty when absent, so defaulting can write into it. */
export function ensureRecord(parent: JsonRecord, key: string): JsonRecord {
  const current = parent[key];
  if (isRecord(current)) return current;
  const created: JsonRecord = {};
  parent[key] = created;
  return created;
}

export function recordAt(parent: unknown, key: string): JsonRecord | undefined {
  if (!isRecord(parent)) return undefined;
  const value = parent[key];
  return isRecord(value) ? value : undefined;
}

export function recordsAt(parent: unknown, key: string): JsonRecord[] {
  if (!isRecord(parent)) return [];
  const value = parent[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function stringAt(parent: unknown, key: string): string | undefined {
  if (!isRecord(parent)) return undefined;
  const value = parent[key];
  return typeof value === 'string' ? value : undefined;
}

export function numberAt(parent: unknown, key: string): number | undefined {
  if (!isRecord(parent)) return undefined;
  const value = parent[key];
  return typeof value === 'number' ? value : undefined;
}

export function stringMapAt(parent: unknown, key: string): Record<string, string> | undefined {
  const value = recordAt(parent, key);
  if (!value) return undefined;
  const map: Record<string, string> = {};
  for (const [entryKey, entryValue] of Object.entries(value)) map[entryKey] = String(entryValue);
  return map;
}

/** Sets `parent[key] = value` only when the field is missing (null counts as missing, as in Go's nil). */
export function setDefault(parent: JsonRecord, key: string, value: unknown): void {
  if (parent[key] === undefined || parent[key] === null) parent[key] = value;
}

/** Deep equality of JSON values, key order ignored: the registry's "semantic DeepEqual". */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => jsonEqual(item, right[index]));
  }
  if (isRecord(left) && isRecord(right)) {
    const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
    const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
    if (leftKeys.length !== rightKeys.length) return false;
    return leftKeys.every((key) => jsonEqual(left[key], right[key]));
  }
  return false;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
