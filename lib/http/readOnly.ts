/** READ_ONLY=true turns every mutation into a 403; the UI learns it from the detail's `readOnly`. */
export function isReadOnly(env: Record<string, string | undefined> = process.env): boolean {
  return /^(1|true|yes)$/i.test((env.READ_ONLY ?? '').trim());
}

export const readOnlyReason = 'The dashboard runs read-only (READ_ONLY=true): it does not change anything in the cluster.';
