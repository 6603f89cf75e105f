import { resources } from '../registry/clusterClient';
import type { Registry } from '../registry/genericRegistry';
import type { KubeObject, ResourceRef } from '../../store/types';
import { isApiError } from '../apiError';

/**
 * What a fresh cluster has before anyone uses it: the namespaces default, kube-system and
 * kube-public (each with its `default` ServiceAccount), the `kubernetes` Service at 127.96.0.1, and
 * the RBAC roles kube-apiserver bootstraps (cluster-admin, admin, edit, view, system:discovery,
 * system:basic-user) plus the sandbox's two users: admin -> cluster-admin, viewer -> view.
 */
const read = ['get', 'list', 'watch'];
const write = ['create', 'delete', 'deletecollection', 'patch', 'update'];

const coreReadable = [
  'configmaps',
  'endpoints',
  'persistentvolumeclaims',
  'persistentvolumeclaims/status',
  'pods',
  'pods/log',
  'pods/status',
  'replicationcontrollers',
  'replicationcontrollers/scale',
  'replicationcontrollers/status',
  'serviceaccounts',
  'services',
  'services/status',
  'bindings',
  'events',
  'limitranges',
  'resourcequotas',
  'resourcequotas/status',
  'namespaces',
  'namespaces/status',
  // Cluster-scoped reads the dashboard shows to a read-only user too.
  'nodes',
  'persistentvolumes',
];
const appsReadable = ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'];

const viewRules = [
  { apiGroups: [''], resources: coreReadable, verbs: read },
  { apiGroups: ['apps'], resources: appsReadable, verbs: read },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: read },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: read },
  { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: read },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], verbs: read },
  { apiGroups: ['batch'], resources: ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], verbs: read },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: read },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingresses/status', 'networkpolicies'], verbs: read },
];

const editRules = [
  ...viewRules,
  { apiGroups: [''], resources: ['secrets'], verbs: [...read, ...write] },
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'services/proxy'], verbs: ['get', 'list', 'watch', 'create'] },
  { apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], verbs: write },
  { apiGroups: [''], resources: ['configmaps', 'endpoints', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'services', 'services/proxy', 'serviceaccounts', 'events'], verbs: write },
  { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], verbs: write },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: write },
];

function clusterRole(name: string, rules: object[]): KubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }, rules };
}

function clusterRoleBinding(name: string, role: string, subject: { kind: 'User' | 'Group'; name: string }): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...subject }],
  };
}

export function systemObjects(): Array<[ResourceRef, KubeObject]> {
  const objects: Array<[ResourceRef, KubeObject]> = [];
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    objects.push([resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] } }]);
    objects.push([resources.serviceAccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } }]);
  }
  objects.push([
    resources.services,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: '127.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
    },
  ]);
  objects.push([resources.clusterRoles, clusterRole('cluster-admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }])]);
  objects.push([resources.clusterRoles, clusterRole('admin', [...editRules, { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...read, ...write] }])]);
  objects.push([resources.clusterRoles, clusterRole('edit', editRules)]);
  objects.push([resources.clusterRoles, clusterRole('view', viewRules)]);
  objects.push([
    resources.clusterRoles,
    clusterRole('system:discovery', [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/readyz', '/version', '/version/', '/openapi', '/openapi/*'], verbs: ['get'] }]),
  ]);
  objects.push([
    resources.clusterRoles,
    clusterRole('system:basic-user', [
      { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
    ]),
  ]);
  objects.push([resources.clusterRoleBindings, clusterRoleBinding('system:discovery', 'system:discovery', { kind: 'Group', name: 'system:authenticated' })]);
  objects.push([resources.clusterRoleBindings, clusterRoleBinding('system:basic-user', 'system:basic-user', { kind: 'Group', name: 'system:authenticated' })]);
  objects.push([resources.clusterRoleBindings, clusterRoleBinding('sandbox-admin', 'cluster-admin', { kind: 'User', name: 'admin' })]);
  objects.push([resources.clusterRoleBindings, clusterRoleBinding('sandbox-viewer', 'view', { kind: 'User', name: 'viewer' })]);
  return objects;
}

/** Creates the system objects; run once, on the first start of an empty store. */
export async function createSystemObjects(registry: Registry, log: (message: string) => void): Promise<void> {
  for (const [ref, object] of systemObjects()) {
    try {
      await registry.create(ref, object);
    } catch (error) {
      if (isApiError(error) && error.code === 409) continue;
      log(`could not create ${object.kind} ${object.metadata.name ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
