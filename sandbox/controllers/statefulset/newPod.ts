import type { OwnerReference } from '../../store/types';
import type { PersistentVolumeClaim, Pod, StatefulSet, Volume } from '../apiTypes';
import { claimName, podIndexLabel, podName, podNameLabel, revisionHashLabel } from './naming';
import { controllerRef } from './revisions';

/**
 * The pod and claims a StatefulSet wants for one ordinal (newStatefulSetPod, updateIdentity,
 * updateStorage and getPersistentVolumeClaims in stateful_set_utils.go).
 */

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** The set's claims for an ordinal, keyed by the volumeClaimTemplate's name. */
export function claimsForOrdinal(set: StatefulSet, ordinal: number): Map<string, PersistentVolumeClaim> {
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const template of set.spec.volumeClaimTemplates ?? []) {
    const templateName = template.metadata.name ?? '';
    claims.set(templateName, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName(templateName, set.metadata.name ?? '', ordinal),
        namespace: set.metadata.namespace,
        // The real controller adds the selector's labels to the template's, so claims can be found by the set's selector.
        labels: { ...(template.metadata.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) },
        ...(template.metadata.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      },
      spec: clone(template.spec),
    });
  }
  return claims;
}

/** Pod volumes with one persistentVolumeClaim volume per claim template, replacing a template volume of the same name. */
export function volumesWithClaims(set: StatefulSet, ordinal: number, volumes: Volume[] | undefined): Volume[] {
  const claims = claimsForOrdinal(set, ordinal);
  const kept = (volumes ?? []).filter((volume) => !claims.has(volume.name));
  const claimVolumes = [...claims].map(([templateName, claim]) => ({ name: templateName, persistentVolumeClaim: { claimName: claim.metadata.name ?? '' } }));
  return [...claimVolumes, ...kept];
}

export function newStatefulSetPod(set: StatefulSet, ordinal: number, revisionName: string): Pod {
  const template = clone(set.spec.template);
  const name = podName(set.metadata.name ?? '', ordinal);
  const spec = { ...template.spec };
  spec.volumes = volumesWithClaims(set, ordinal, spec.volumes);
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  else delete spec.subdomain;
  const ownerReferences: OwnerReference[] = [controllerRef(set)];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), [podNameLabel]: name, [podIndexLabel]: String(ordinal), [revisionHashLabel]: revisionName },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ...(template.metadata?.finalizers ? { finalizers: [...template.metadata.finalizers] } : {}),
      ownerReferences,
    },
    spec,
  };
}

/** Whether an existing pod still carries the identity its ordinal requires (identityMatches). */
export function identityMatches(set: StatefulSet, pod: Pod, ordinal: number): boolean {
  const name = podName(set.metadata.name ?? '', ordinal);
  const labels = pod.metadata.labels ?? {};
  return pod.metadata.name === name && pod.metadata.namespace === set.metadata.namespace && labels[podNameLabel] === name && labels[podIndexLabel] === String(ordinal);
}

/** The identity fix-up the controller applies to a pod whose labels were edited away. */
export function withIdentity(set: StatefulSet, pod: Pod, ordinal: number): Pod {
  const name = podName(set.metadata.name ?? '', ordinal);
  return { ...pod, metadata: { ...pod.metadata, labels: { ...(pod.metadata.labels ?? {}), [podNameLabel]: name, [podIndexLabel]: String(ordinal) } } };
}
