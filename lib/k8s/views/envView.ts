import type { V1EnvFromSource, V1EnvVar } from '@kubernetes/client-node';
import type { EnvVarView } from '../viewModels';

/**
 * Environment variables as `kubectl describe` prints them. A value from a Secret or ConfigMap is
 * its reference ("<set to the key 'password' in secret 'credentials'>"): the dashboard never reads
 * the Secret, so its value cannot leak.
 */
export function describeEnvVar(env: V1EnvVar): EnvVarView {
  const from = env.valueFrom;
  if (!from) return { name: env.name, value: env.value ?? '', source: 'value' };
  if (from.secretKeyRef) {
    return { name: env.name, value: `<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name ?? ''}'>`, source: 'secretKeyRef', optional: from.secretKeyRef.optional ?? false };
  }
  if (from.configMapKeyRef) {
    return { name: env.name, value: `<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name ?? ''}'>`, source: 'configMapKeyRef', optional: from.configMapKeyRef.optional ?? false };
  }
  if (from.fieldRef) return { name: env.name, value: ` (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})`, source: 'fieldRef' };
  if (from.resourceFieldRef) return { name: env.name, value: ` (${from.resourceFieldRef.resource})`, source: 'resourceFieldRef' };
  return { name: env.name, value: '', source: 'value' };
}

export function describeEnvFrom(source: V1EnvFromSource): string {
  const prefix = source.prefix ? ` with prefix '${source.prefix}'` : '';
  if (source.configMapRef) return `${source.configMapRef.name ?? ''}  ConfigMap${prefix}  Optional: ${source.configMapRef.optional ?? false}`;
  if (source.secretRef) return `${source.secretRef.name ?? ''}  Secret${prefix}  Optional: ${source.secretRef.optional ?? false}`;
  return '<unknown source>';
}
