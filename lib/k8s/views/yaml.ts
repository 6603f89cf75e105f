import { stringify } from 'yaml';

/** An object as YAML the way `kubectl get -o yaml` shows it, minus managedFields (noise nobody reads). */
export function toYaml(object: unknown): string {
  const plain = JSON.parse(JSON.stringify(object ?? {})) as Record<string, unknown>;
  const metadata = plain.metadata as Record<string, unknown> | undefined;
  if (metadata) delete metadata.managedFields;
  return stringify(plain, { lineWidth: 0 });
}
