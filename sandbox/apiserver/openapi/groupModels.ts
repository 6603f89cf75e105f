import { core } from './coreModels';
import { meta } from './metaModels';
import { atomic, mergeList, ref, stringMap, type Model } from './modelTypes';

/** Types of the named groups the sandbox serves: apps, rbac, storage, discovery, authorization, autoscaling. */

const objectMeta = ref(`${meta}ObjectMeta`, "Standard object's metadata.");

function kind(group: string, version: string, kindName: string, description: string, properties: Model['properties']): Model {
  return { description, properties: { apiVersion: 'string', kind: 'string', metadata: objectMeta, ...properties }, gvk: { group, version, kind: kindName } };
}

const apps = 'io.k8s.api.apps.v1.';
const rbac = 'io.k8s.api.rbac.v1.';
const storage = 'io.k8s.api.storage.v1.';
const discovery = 'io.k8s.api.discovery.v1.';
const authorization = 'io.k8s.api.authorization.v1.';
const autoscaling = 'io.k8s.api.autoscaling.v1.';

export const groupModels: Record<string, Model> = {
  [`${apps}StatefulSet`]: kind('apps', 'v1', 'StatefulSet', 'StatefulSet represents a set of pods with consistent identities.', {
    spec: ref(`${apps}StatefulSetSpec`),
    status: ref(`${apps}StatefulSetStatus`),
  }),
  [`${apps}StatefulSetSpec`]: {
    description: 'A StatefulSetSpec is the specification of a StatefulSet.',
    required: ['selector', 'template'],
    properties: {
      replicas: { type: 'integer', description: 'replicas is the desired number of replicas of the given Template.' },
      selector: ref(`${meta}LabelSelector`, "selector is a label query over pods that should match the replica count. It must match the pod template's labels."),
      template: ref(`${core}PodTemplateSpec`, 'template is the object that describes the pod that will be created if insufficient replicas are detected.'),
      volumeClaimTemplates: atomic(ref(`${core}PersistentVolumeClaim`), 'volumeClaimTemplates is a list of claims that pods are allowed to reference.'),
      serviceName: { type: 'string', description: 'serviceName is the name of the service that governs this StatefulSet.' },
      podManagementPolicy: { type: 'string', description: 'podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down.' },
      updateStrategy: ref(`${apps}StatefulSetUpdateStrategy`),
      revisionHistoryLimit: 'integer',
      minReadySeconds: 'integer',
      persistentVolumeClaimRetentionPolicy: ref(`${apps}StatefulSetPersistentVolumeClaimRetentionPolicy`),
      ordinals: ref(`${apps}StatefulSetOrdinals`),
    },
  },
  [`${apps}StatefulSetUpdateStrategy`]: { properties: { type: 'string', rollingUpdate: ref(`${apps}RollingUpdateStatefulSetStrategy`) } },
  [`${apps}RollingUpdateStatefulSetStrategy`]: { properties: { partition: 'integer', maxUnavailable: 'int-or-string' } },
  [`${apps}StatefulSetPersistentVolumeClaimRetentionPolicy`]: { properties: { whenDeleted: 'string', whenScaled: 'string' } },
  [`${apps}StatefulSetOrdinals`]: { properties: { start: 'integer' } },
  [`${apps}StatefulSetStatus`]: {
    properties: {
      observedGeneration: 'integer',
      replicas: 'integer',
      readyReplicas: 'integer',
      currentReplicas: 'integer',
      updatedReplicas: 'integer',
      currentRevision: 'string',
      updateRevision: 'string',
      collisionCount: 'integer',
      conditions: mergeList('any', 'type'),
      availableReplicas: 'integer',
    },
  },
  [`${apps}ControllerRevision`]: kind('apps', 'v1', 'ControllerRevision', 'ControllerRevision implements an immutable snapshot of state data.', { data: 'any', revision: 'integer' }),

  [`${autoscaling}Scale`]: kind('autoscaling', 'v1', 'Scale', 'Scale represents a scaling request for a resource.', { spec: ref(`${autoscaling}ScaleSpec`), status: ref(`${autoscaling}ScaleStatus`) }),
  [`${autoscaling}ScaleSpec`]: { properties: { replicas: 'integer' } },
  [`${autoscaling}ScaleStatus`]: { required: ['replicas'], properties: { replicas: 'integer', selector: 'string' } },

  [`${storage}StorageClass`]: kind('storage.k8s.io', 'v1', 'StorageClass', 'StorageClass describes the parameters for a class of storage for which PersistentVolumes can be dynamically provisioned.', {
    provisioner: 'string',
    parameters: stringMap,
    reclaimPolicy: 'string',
    mountOptions: atomic('string'),
    allowVolumeExpansion: 'boolean',
    volumeBindingMode: 'string',
    allowedTopologies: atomic('any'),
  }),

  [`${discovery}EndpointSlice`]: kind('discovery.k8s.io', 'v1', 'EndpointSlice', 'EndpointSlice represents a subset of the endpoints that implement a service.', {
    addressType: 'string',
    endpoints: atomic('any'),
    ports: atomic('any'),
  }),

  [`${rbac}Role`]: kind('rbac.authorization.k8s.io', 'v1', 'Role', 'Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.', {
    rules: atomic(ref(`${rbac}PolicyRule`)),
  }),
  [`${rbac}ClusterRole`]: kind('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.', {
    rules: atomic(ref(`${rbac}PolicyRule`)),
    aggregationRule: 'any',
  }),
  [`${rbac}PolicyRule`]: {
    required: ['verbs'],
    properties: { verbs: atomic('string'), apiGroups: atomic('string'), resources: atomic('string'), resourceNames: atomic('string'), nonResourceURLs: atomic('string') },
  },
  [`${rbac}RoleBinding`]: kind('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'RoleBinding references a role, but does not contain it.', {
    subjects: atomic(ref(`${rbac}Subject`)),
    roleRef: ref(`${rbac}RoleRef`),
  }),
  [`${rbac}ClusterRoleBinding`]: kind('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'ClusterRoleBinding references a ClusterRole, but not contain it.', {
    subjects: atomic(ref(`${rbac}Subject`)),
    roleRef: ref(`${rbac}RoleRef`),
  }),
  [`${rbac}Subject`]: { required: ['kind', 'name'], properties: { kind: 'string', apiGroup: 'string', name: 'string', namespace: 'string' } },
  [`${rbac}RoleRef`]: { required: ['apiGroup', 'kind', 'name'], properties: { apiGroup: 'string', kind: 'string', name: 'string' } },

  [`${authorization}SelfSubjectAccessReview`]: kind('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'SelfSubjectAccessReview checks whether or the current user can perform an action.', {
    spec: ref(`${authorization}SelfSubjectAccessReviewSpec`),
    status: ref(`${authorization}SubjectAccessReviewStatus`),
  }),
  [`${authorization}SelfSubjectAccessReviewSpec`]: { properties: { resourceAttributes: 'any', nonResourceAttributes: 'any' } },
  [`${authorization}SubjectAccessReviewStatus`]: { required: ['allowed'], properties: { allowed: 'boolean', denied: 'boolean', reason: 'string', evaluationError: 'string' } },
};
