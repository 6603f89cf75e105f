/** RFC 7386 JSON Merge Patch (`application/merge-patch+json`): objects merge, null deletes, anything else replaces. */
export function applyMergePatch(original: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const result: Record<string, unknown> =
    original !== null && typeof original === 'object' && !Array.isArray(original) ? { ...(original as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}
