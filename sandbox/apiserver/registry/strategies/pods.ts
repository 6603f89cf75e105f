import type { KubeObject } from '../../../store/types';
import type { FieldError } from '../strategy';
import { resources } from '../clusterClient';
import { defineStrategy } from './defineStrategy';
import { forbidden } from './fieldErrors';
import { clone, ensureRecord, isRecord, jsonEqual, recordAt, recordsAt, setDefault, stringAt, type JsonRecord } from './json';
import { nameIsDnsSubdomain } from './objectMeta';
import { applyPodSpecDefaults } from './podSpecDefaults';
import { validatePodSpec } from './podSpecValidation';

/**
 * core/v1 Pod: defaults.go, then what the default admission chain adds to every real pod
 * (ServiceAccount, DefaultTolerationSeconds, Priority), then the strategy's initial status.
 */

/** QoS class as qos.GetPodQOS decides it from requests and limits. */
export function podQosClass(spec: JsonRecord): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...recordsAt(spec, 'containers'), ...recordsAt(spec, 'initContainers')];
  let anySet = false;
  let guaranteed = true;
  for (const container of containers) {
    const requests = recordAt(recordAt(container, 'resources'), 'requests') ?? {};
    const limits = recordAt(recordAt(container, 'resources'), 'limits') ?? {};
    if (Object.keys(requests).length || Object.keys(limits).length) anySet = true;
    for (const name of ['cpu', 'memory']) {
      if (limits[name] === undefined || (requests[name] !== undefined && String(requests[name]) !== String(limits[name]))) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

const defaultTolerations = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

function applyDefaults(object: KubeObject): void {
  const spec = ensureRecord(object, 'spec');
  applyPodSpecDefaults(spec, true);
  setDefault(spec, 'enableServiceLinks', true);
  // ServiceAccount admission.
  if (!spec.serviceAccountName) spec.serviceAccountName = stringAt(spec, 'serviceAccount') || 'default';
  if (!spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  // DefaultTolerationSeconds admission.
  const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  for (const key of defaultTolerations) {
    if (!tolerations.some((toleration) => isRecord(toleration) && toleration.key === key)) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
  spec.tolerations = tolerations;
  // Priority admission with no PriorityClass in the cluster.
  setDefault(spec, 'priority', 0);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  // podStrategy.PrepareForCreate: a new pod is Pending with its QoS class.
  const status = ensureRecord(object, 'status');
  setDefault(status, 'phase', 'Pending');
  setDefault(status, 'qosClass', podQosClass(spec));
}

const podUpdateForbidden =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodUpdate: copy the mutable fields from the new spec onto the old one; any other difference is forbidden. */
function validateUpdate(object: KubeObject, old: KubeObject): FieldError[] {
  const spec = recordAt(object, 'spec') ?? {};
  const allowed = clone(recordAt(old, 'spec') ?? {});
  for (const list of ['containers', 'initContainers']) {
    const newContainers = recordsAt(spec, list);
    recordsAt(allowed, list).forEach((container, index) => {
      if (newContainers[index]) container.image = newContainers[index].image;
    });
  }
  allowed.activeDeadlineSeconds = spec.activeDeadlineSeconds;
  const oldTolerations = recordsAt(allowed, 'tolerations');
  const newTolerations = recordsAt(spec, 'tolerations');
  if (oldTolerations.every((toleration) => newTolerations.some((candidate) => jsonEqual(candidate, toleration)))) allowed.tolerations = spec.tolerations;
  const oldGrace = allowed.terminationGracePeriodSeconds;
  if (typeof oldGrace === 'number' && oldGrace < 0 && spec.terminationGracePeriodSeconds === 1) allowed.terminationGracePeriodSeconds = 1;
  // Binding: a pod's node is set once (pods/binding upstream; the sandbox scheduler may update directly).
  if (!allowed.nodeName) allowed.nodeName = spec.nodeName;
  if (jsonEqual(spec, allowed)) return [];
  return [forbidden('spec', podUpdateForbidden)];
}

export const podStrategy = defineStrategy({
  resource: resources.pods,
  kind: 'Pod',
  singular: 'pod',
  namespaced: true,
  nameRule: nameIsDnsSubdomain,
  shortNames: ['po'],
  categories: ['all'],
  subresources: ['status', 'exec', 'log', 'proxy'],
  applyDefaults,
  validateFields: (object) => validatePodSpec(object.spec, 'spec'),
  validateUpdate,
});
