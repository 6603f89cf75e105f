import { randomBytes, randomUUID } from 'node:crypto';

/** The alphabet of names.SimpleNameGenerator: no vowels, no confusable digits. */
const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** metadata.generateName + 5 random characters, as kube-apiserver makes them. */
export function generateName(prefix: string): string {
  const bytes = randomBytes(5);
  let suffix = '';
  for (const byte of bytes) suffix += alphabet[byte % alphabet.length];
  return `${prefix.slice(0, 58)}${suffix}`;
}

export function newUid(): string {
  return randomUUID();
}

/** RFC 3339 with seconds precision, as metav1.Time marshals. */
export function nowTimestamp(offsetSeconds = 0): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000 + offsetSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
