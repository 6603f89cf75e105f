import { AppsV1Api, CoreV1Api, type V1StatefulSet } from '@kubernetes/client-node';
import { kubeConfigFor } from '../connections/contextSource';
import { HttpError } from '../../http/httpError';
import type { ImageBody, RollbackBody, UpdateStrategyBody } from '../../http/schemas';
import { jsonPatch, mergePatch } from './patchOptions';
import { withoutManagedFields, type ActionResult } from './actionResult';
import { revisionTemplate } from '../views/revisionView';

/**
 * The StatefulSet actions, each one API call (or a read and a guarded patch) the way kubectl makes
 * it. Errors propagate as client-node exceptions; the route turns them into the API's message with
 * its status.
 */
export interface Target {
  context: string;
  namespace: string;
  name: string;
}

const apps = (context: string) => kubeConfigFor(context).makeApiClient(AppsV1Api);

/** `kubectl scale`: a patch of the scale subresource, so only spec.replicas can change. */
export async function scaleStatefulSet({ context, namespace, name }: Target, replicas: number): Promise<ActionResult> {
  const scale = await apps(context).patchNamespacedStatefulSetScale({ name, namespace, body: { spec: { replicas } } }, mergePatch());
  return { message: `Scaled statefulset ${name} to ${replicas} replica${replicas === 1 ? '' : 's'}.`, result: withoutManagedFields(scale) };
}

/** `kubectl rollout restart`: a new template annotation, so every pod is replaced by the rolling update. */
export async function restartStatefulSet({ context, namespace, name }: Target, now = new Date()): Promise<ActionResult> {
  const restartedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const sts = await apps(context).patchNamespacedStatefulSet({ name, namespace, body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } } } }, mergePatch());
  return { message: `statefulset ${name} restarted (kubectl.kubernetes.io/restartedAt=${restartedAt}).`, result: withoutManagedFields(sts) };
}

async function readStatefulSet({ context, namespace, name }: Target): Promise<V1StatefulSet> {
  return apps(context).readNamespacedStatefulSet({ name, namespace });
}

/**
 * `kubectl set image`: the container's image, found by name. A JSON Patch with a `test` on the
 * container's name, so a concurrent edit of the container list makes it fail instead of changing
 * the wrong container (not on the resourceVersion: status updates bump it all the time). With `partition`, a canary: only ordinals >= partition move to the new image.
 */
export async function setImage(target: Target, body: ImageBody): Promise<ActionResult> {
  const sts = await readStatefulSet(target);
  const containers = sts.spec?.template?.spec?.containers ?? [];
  const index = containers.findIndex((container) => container.name === body.container);
  if (index < 0) {
    throw new HttpError(400, 'Invalid container', `StatefulSet ${target.name} has no container named "${body.container}" (it has: ${containers.map((c) => c.name).join(', ') || 'none'}).`, 'container');
  }
  const operations: object[] = [
    { op: 'test', path: `/spec/template/spec/containers/${index}/name`, value: body.container },
    { op: 'replace', path: `/spec/template/spec/containers/${index}/image`, value: body.image },
  ];
  if (body.partition !== undefined) {
    if (sts.spec?.updateStrategy?.type === 'OnDelete') {
      throw new HttpError(400, 'Invalid partition', 'partition: only applies to the RollingUpdate strategy; this StatefulSet uses OnDelete.', 'partition');
    }
    operations.push({ op: 'add', path: '/spec/updateStrategy', value: { ...(sts.spec?.updateStrategy ?? {}), type: 'RollingUpdate', rollingUpdate: { ...(sts.spec?.updateStrategy?.rollingUpdate ?? {}), partition: body.partition } } });
  }
  const updated = await apps(target.context).patchNamespacedStatefulSet({ name: target.name, namespace: target.namespace, body: operations }, jsonPatch());
  const canary = body.partition !== undefined ? ` with partition ${body.partition} (only ordinals >= ${body.partition} update)` : '';
  return { message: `statefulset ${target.name} container ${body.container} image set to ${body.image}${canary}.`, result: withoutManagedFields(updated) };
}

export async function setUpdateStrategy(target: Target, body: UpdateStrategyBody): Promise<ActionResult> {
  const updateStrategy = body.type === 'OnDelete' ? { type: 'OnDelete', rollingUpdate: null } : { type: 'RollingUpdate', ...(body.partition !== undefined ? { rollingUpdate: { partition: body.partition } } : {}) };
  const updated = await apps(target.context).patchNamespacedStatefulSet({ name: target.name, namespace: target.namespace, body: { spec: { updateStrategy } } }, mergePatch());
  const partition = body.type === 'RollingUpdate' && body.partition !== undefined ? ` with partition ${body.partition}` : '';
  return { message: `statefulset ${target.name} update strategy set to ${body.type}${partition}.`, result: withoutManagedFields(updated) };
}

/**
 * `kubectl rollout undo --to-revision`: the template stored in that ControllerRevision replaces the
 * current one (a JSON Patch guarded by the uid, so a StatefulSet recreated meanwhile is not touched).
 */
export async function rollbackStatefulSet(target: Target, body: RollbackBody): Promise<ActionResult> {
  const sts = await readStatefulSet(target);
  const uid = sts.metadata?.uid;
  const list = await apps(target.context).listNamespacedControllerRevision({ namespace: target.namespace });
  const owned = list.items.filter((revision) => (revision.metadata?.ownerReferences ?? []).some((owner) => owner.uid === uid));
  const wanted = owned.find((revision) => (typeof body.revision === 'number' ? Number(revision.revision) === body.revision : revision.metadata?.name === body.revision));
  if (!wanted) {
    const known = owned.map((revision) => Number(revision.revision)).sort((a, b) => a - b);
    throw new HttpError(400, 'Invalid revision', `revision: StatefulSet ${target.name} has no revision ${String(body.revision)} (it has: ${known.join(', ') || 'none'}).`, 'revision');
  }
  const template = revisionTemplate(wanted);
  if (!template) throw new HttpError(422, 'Unusable revision', `ControllerRevision ${wanted.metadata?.name ?? ''} holds no pod template.`);
  if (JSON.stringify(template) === JSON.stringify(JSON.parse(JSON.stringify(sts.spec?.template ?? {})))) {
    return { message: `statefulset ${target.name} skipped rollback (current template already matches revision ${wanted.revision}).`, result: withoutManagedFields(sts) };
  }
  const updated = await apps(target.context).patchNamespacedStatefulSet(
    {
      name: target.name,
      namespace: target.namespace,
      body: [
        { op: 'test', path: '/metadata/uid', value: uid },
        { op: 'replace', path: '/spec/template', value: template },
      ],
    },
    jsonPatch(),
  );
  return { message: `statefulset ${target.name} rolled back to revision ${wanted.revision}.`, result: withoutManagedFields(updated) };
}

export async function deletePod({ context, namespace, name }: Target): Promise<ActionResult> {
  const pod = await kubeConfigFor(context).makeApiClient(CoreV1Api).deleteNamespacedPod({ name, namespace });
  return { message: `pod "${name}" deleted.`, result: withoutManagedFields(pod) };
}
