import type { Pod, StatefulSet } from '../apiTypes';

/** Labels and names a StatefulSet gives its pods and claims (k8s.io/api/apps/v1 constants). */
export const podNameLabel = 'statefulset.kubernetes.io/pod-name';
export const podIndexLabel = 'apps.kubernetes.io/pod-index';
export const revisionHashLabel = 'controller-revision-hash';

/** `web-3` -> parent `web`, ordinal 3; names without a trailing non-negative integer have no ordinal. */
export function parseOrdinal(podName: string): { parent: string; ordinal: number } | undefined {
  const match = /^(.*)-(\d+)$/.exec(podName);
  if (!match) return undefined;
  const ordinal = Number(match[2]);
  return Number.isSafeInteger(ordinal) ? { parent: match[1], ordinal } : undefined;
}

export function podName(setName: string, ordinal: number): string {
  return `${setName}-${ordinal}`;
}

/** The claim a pod of the set uses for a volumeClaimTemplate: `<template>-<set>-<ordinal>`. */
export function claimName(templateName: string, setName: string, ordinal: number): string {
  return `${templateName}-${setName}-${ordinal}`;
}

export function startOrdinal(set: StatefulSet): number {
  return set.spec.ordinals?.start ?? 0;
}

export function replicaCount(set: StatefulSet): number {
  return set.spec.replicas ?? 1;
}

/** Ordinals the set wants: [start, start + replicas). */
export function inOrdinalRange(set: StatefulSet, ordinal: number): boolean {
  const start = startOrdinal(set);
  return ordinal >= start && ordinal < start + replicaCount(set);
}

/** Whether a pod is one of this set's by name (the parent part equals the set's name). */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parseOrdinal(pod.metadata.name ?? '')?.parent === set.metadata.name;
}

export function ordinalOf(pod: Pod): number {
  return parseOrdinal(pod.metadata.name ?? '')?.ordinal ?? -1;
}

export function podRevision(pod: Pod): string | undefined {
  return pod.metadata.labels?.[revisionHashLabel];
}
