import { AuthorizationV1Api } from '@kubernetes/client-node';
import type { ActionName, ActionPermission } from '../viewModels';
import { kubeConfigFor } from '../connections/contextSource';
import { isReadOnly, readOnlyReason } from '../../http/readOnly';
import { toHttpError } from '../apiErrors';

/**
 * What the dashboard's identity may do in a namespace, asked of the cluster with one
 * SelfSubjectAccessReview per API call an action makes, cached briefly. The UI disables an action
 * and shows the reason instead of letting the user hit a 403.
 */
interface Check {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

const apps = 'apps';
export const actionChecks: Record<ActionName, Check[]> = {
  scale: [{ verb: 'patch', group: apps, resource: 'statefulsets', subresource: 'scale' }],
  restart: [{ verb: 'patch', group: apps, resource: 'statefulsets' }],
  image: [{ verb: 'patch', group: apps, resource: 'statefulsets' }],
  'update-strategy': [{ verb: 'patch', group: apps, resource: 'statefulsets' }],
  rollback: [
    { verb: 'patch', group: apps, resource: 'statefulsets' },
    { verb: 'list', group: apps, resource: 'controllerrevisions' },
  ],
  'pod-management-policy': [
    { verb: 'delete', group: apps, resource: 'statefulsets' },
    { verb: 'create', group: apps, resource: 'statefulsets' },
  ],
  'delete-pod': [{ verb: 'delete', group: '', resource: 'pods' }],
  exec: [{ verb: 'create', group: '', resource: 'pods', subresource: 'exec' }],
  logs: [{ verb: 'get', group: '', resource: 'pods', subresource: 'log' }],
  traffic: [{ verb: 'get', group: '', resource: 'services' }],
};

/** Refused in READ_ONLY mode: everything that changes the cluster, plus exec (a shell in a pod can change anything in it). */
const mutations: ActionName[] = ['scale', 'restart', 'image', 'update-strategy', 'rollback', 'pod-management-policy', 'delete-pod', 'traffic', 'exec'];
const cacheMs = 30_000;
const key = Symbol.for('sts-explorer.permissions');

function cache(): Map<string, { at: number; value: Promise<Record<ActionName, ActionPermission>> }> {
  const holder = globalThis as unknown as Record<symbol, Map<string, { at: number; value: Promise<Record<ActionName, ActionPermission>> }> | undefined>;
  holder[key] ??= new Map();
  return holder[key];
}

function describeCheck(check: Check, namespace: string): string {
  const resource = check.subresource ? `${check.resource}/${check.subresource}` : check.resource;
  return `Your user cannot ${check.verb} ${resource} in namespace ${namespace}`;
}

async function review(context: string, namespace: string): Promise<Record<ActionName, ActionPermission>> {
  const api = kubeConfigFor(context).makeApiClient(AuthorizationV1Api);
  const unique = new Map<string, Check>();
  for (const checks of Object.values(actionChecks)) for (const check of checks) unique.set(JSON.stringify(check), check);
  const answers = new Map<string, { allowed: boolean; reason?: string }>();
  await Promise.all(
    [...unique.entries()].map(async ([id, check]) => {
      try {
        const result = await api.createSelfSubjectAccessReview({
          body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace, verb: check.verb, group: check.group, resource: check.resource, subresource: check.subresource } } },
        });
        answers.set(id, { allowed: result.status?.allowed === true, reason: result.status?.reason || undefined });
      } catch (error) {
        const httpError = toHttpError(error);
        answers.set(id, { allowed: false, reason: `Could not check permissions: ${httpError.detail}` });
      }
    }),
  );
  const readOnly = isReadOnly();
  const out = {} as Record<ActionName, ActionPermission>;
  for (const [action, checks] of Object.entries(actionChecks) as [ActionName, Check[]][]) {
    if (readOnly && mutations.includes(action)) {
      out[action] = { allowed: false, reason: readOnlyReason };
      continue;
    }
    const denied = checks.find((check) => !answers.get(JSON.stringify(check))?.allowed);
    if (!denied) out[action] = { allowed: true };
    else {
      const answer = answers.get(JSON.stringify(denied));
      out[action] = { allowed: false, reason: answer?.reason?.startsWith('Could not') ? answer.reason : `${describeCheck(denied, namespace)}.` };
    }
  }
  return out;
}

export function permissionsFor(context: string, namespace: string): Promise<Record<ActionName, ActionPermission>> {
  const map = cache();
  const id = `${context}\u0000${namespace}\u0000${isReadOnly()}`;
  const hit = map.get(id);
  if (hit && Date.now() - hit.at < cacheMs) return hit.value;
  const value = review(context, namespace);
  map.set(id, { at: Date.now(), value });
  value.catch(() => map.delete(id));
  return value;
}

/** Used while the first review is in flight, so a detail never claims an action is allowed before the cluster said so. */
export function unknownPermissions(): Record<ActionName, ActionPermission> {
  const out = {} as Record<ActionName, ActionPermission>;
  for (const action of Object.keys(actionChecks) as ActionName[]) out[action] = { allowed: false, reason: 'Checking your permissions with the cluster...' };
  return out;
}
