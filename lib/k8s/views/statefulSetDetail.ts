import type { V1ObjectMeta, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import type { ActionName, ActionPermission, PodView, StatefulSetDetail } from '../viewModels';
import type { NamespaceObjects } from './namespaceObjects';
import { statefulSetSummary } from './statefulSetSummary';
import { claimTemplateView, podTemplateView } from './podTemplateView';
import { podView } from './podView';
import { statefulSetClaims } from './claimView';
import { serviceView } from './serviceView';
import { revisionView } from './revisionView';
import { eventView } from './eventView';
import { labelsMatch, trailingOrdinal } from './format';
import { toYaml } from './yaml';
import { isValidVisitsPath } from '../../visits/visitsPath';

export const VISITS_PATH_ANNOTATION = 'sts-explorer.io/visits-path';
export const DEFAULT_VISITS_PATH = 'data/visits.txt';
const maxEvents = 100;

function ownedBy(meta: V1ObjectMeta | undefined, uid: string): boolean {
  return (meta?.ownerReferences ?? []).some((owner) => owner.uid === uid);
}

function hasController(meta: V1ObjectMeta | undefined): boolean {
  return (meta?.ownerReferences ?? []).some((owner) => owner.controller);
}

/** Pods of a StatefulSet: owned by it, or (while orphaned, e.g. during a recreate) named `<sts>-<n>` and matching its selector. */
export function statefulSetPods(sts: V1StatefulSet, objects: NamespaceObjects) {
  const uid = sts.metadata?.uid ?? '';
  const name = sts.metadata?.name ?? '';
  const selector = sts.spec?.selector?.matchLabels;
  return objects.pods.filter((pod) => ownedBy(pod.metadata, uid) || (!hasController(pod.metadata) && trailingOrdinal(pod.metadata?.name ?? '', name) !== null && labelsMatch(selector, pod.metadata?.labels)));
}

/** Services whose selector picks this StatefulSet's pods, plus its governing (headless) Service. */
export function statefulSetServices(sts: V1StatefulSet, objects: NamespaceObjects) {
  const templateLabels = sts.spec?.template?.metadata?.labels;
  return objects.services.filter((service) => service.metadata?.name === sts.spec?.serviceName || labelsMatch(service.spec?.selector, templateLabels));
}

export interface DetailOptions {
  permissions: Record<ActionName, ActionPermission>;
  readOnly: boolean;
  /** Builds a pod's view; a feed passes a memoised one so unchanged pods keep their view object. */
  viewPod?: (pod: V1Pod) => PodView;
}

export function statefulSetDetail(sts: V1StatefulSet, objects: NamespaceObjects, options: DetailOptions): StatefulSetDetail {
  const name = sts.metadata?.name ?? '';
  const uid = sts.metadata?.uid ?? '';
  const pods = statefulSetPods(sts, objects).map(options.viewPod ?? podView).sort((a, b) => a.ordinal - b.ordinal);
  const claims = statefulSetClaims(sts, objects.persistentvolumeclaims);
  const services = statefulSetServices(sts, objects).map((service) => serviceView(service, objects.endpoints.find((endpoints) => endpoints.metadata?.name === service.metadata?.name)));
  const selector = sts.spec?.selector?.matchLabels;
  const revisions = objects.controllerrevisions
    .filter((revision) => ownedBy(revision.metadata, uid) || (!hasController(revision.metadata) && (revision.metadata?.name ?? '').startsWith(`${name}-`) && labelsMatch(selector, revision.metadata?.labels)))
    .map((revision) => revisionView(revision, sts))
    .sort((a, b) => b.revision - a.revision);
  const involved = new Set<string>([`StatefulSet/${name}`, ...pods.map((pod) => `Pod/${pod.name}`), ...claims.map((claim) => `PersistentVolumeClaim/${claim.name}`)]);
  const events = objects.events
    .filter((event) => involved.has(`${event.involvedObject?.kind ?? ''}/${event.involvedObject?.name ?? ''}`))
    .map(eventView)
    // ISO timestamps order as plain strings; localeCompare over the thousands of events of a 1,000-pod
    // StatefulSet cost tens of milliseconds on every recompute.
    .sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? 1 : a.lastTimestamp > b.lastTimestamp ? -1 : 0))
    .slice(0, maxEvents);
  return {
    statefulSet: statefulSetSummary(sts),
    template: podTemplateView(sts.spec?.template),
    claimTemplates: (sts.spec?.volumeClaimTemplates ?? []).map(claimTemplateView),
    pods,
    claims,
    services,
    revisions,
    events,
    permissions: options.permissions,
    yaml: toYaml(sts),
    readOnly: options.readOnly,
    visitsPath: visitsPathOf(sts),
  };
}

/** The annotation's path when it is a safe relative path, else the default. */
export function visitsPathOf(sts: V1StatefulSet): string {
  const annotated = sts.metadata?.annotations?.[VISITS_PATH_ANNOTATION];
  return annotated && isValidVisitsPath(annotated) ? annotated : DEFAULT_VISITS_PATH;
}
