import type { ActionName, StatefulSetDetail } from '@/lib/k8s/viewModels';

const mutations: ReadonlySet<ActionName> = new Set(['scale', 'restart', 'image', 'update-strategy', 'rollback', 'pod-management-policy', 'delete-pod', 'traffic']);

/** Why an action is not possible, in words for the screen; undefined when it is allowed. */
export function disabledReason(detail: Pick<StatefulSetDetail, 'permissions' | 'readOnly'>, action: ActionName): string | undefined {
  if (detail.readOnly && mutations.has(action)) return 'The dashboard is read-only (started with READ_ONLY=true), so it makes no changes.';
  const permission = detail.permissions?.[action];
  if (!permission) return undefined; // The server did not say: let the cluster decide and show its answer.
  if (permission.allowed) return undefined;
  return permission.reason ?? 'Your Kubernetes user is not allowed to do this.';
}
