import type { V1PersistentVolumeClaim, V1StatefulSet } from '@kubernetes/client-node';
import type { ClaimView } from '../viewModels';
import { iso, quantity, trailingOrdinal } from './format';

/**
 * The StatefulSet's claims: `<template>-<sts>-<ordinal>` for each volumeClaimTemplate. A claim whose
 * ordinal lies outside [start, start+replicas) is `orphaned`: its pod was scaled away and the claim
 * was retained (the default whenScaled: Retain), waiting for the pod to come back.
 */
export function statefulSetClaims(sts: V1StatefulSet, claims: readonly V1PersistentVolumeClaim[]): ClaimView[] {
  const name = sts.metadata?.name ?? '';
  const replicas = sts.spec?.replicas ?? 1;
  const start = sts.spec?.ordinals?.start ?? 0;
  const templates = (sts.spec?.volumeClaimTemplates ?? []).map((template) => template.metadata?.name ?? '').filter(Boolean);
  const views: ClaimView[] = [];
  for (const claim of claims) {
    const claimName = claim.metadata?.name ?? '';
    for (const template of templates) {
      const ordinal = trailingOrdinal(claimName, `${template}-${name}`);
      if (ordinal === null) continue;
      views.push(claimView(claim, template, name, ordinal, ordinal < start || ordinal >= start + replicas));
      break;
    }
  }
  return views.sort((a, b) => a.template.localeCompare(b.template) || (a.ordinal ?? 0) - (b.ordinal ?? 0));
}

export function claimView(claim: V1PersistentVolumeClaim, template: string, statefulSet: string, ordinal: number | null, orphaned: boolean): ClaimView {
  return {
    name: claim.metadata?.name ?? '',
    namespace: claim.metadata?.namespace ?? '',
    uid: claim.metadata?.uid ?? '',
    resourceVersion: claim.metadata?.resourceVersion ?? '',
    ordinal,
    template,
    pod: ordinal === null ? '' : `${statefulSet}-${ordinal}`,
    phase: claim.status?.phase ?? 'Pending',
    volume: claim.spec?.volumeName ?? '',
    capacity: quantity(claim.status?.capacity?.storage),
    requested: quantity(claim.spec?.resources?.requests?.storage),
    accessModes: claim.status?.accessModes ?? claim.spec?.accessModes ?? [],
    storageClass: claim.spec?.storageClassName ?? '',
    creationTimestamp: iso(claim.metadata?.creationTimestamp),
    orphaned,
  };
}
