/**
 * How each served subresource appears in discovery, as kube-apiserver lists them: its kind (and
 * group/version when it differs from the parent's) and verbs.
 */
export interface SubresourceDescription {
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

const statusVerbs = ['get', 'patch', 'update'];
const proxyVerbs = ['create', 'delete', 'get', 'patch', 'update'];

export const subresourceDescriptions: Record<string, SubresourceDescription> = {
  'pods/status': { kind: 'Pod', verbs: statusVerbs },
  'pods/exec': { kind: 'PodExecOptions', verbs: ['create', 'get'] },
  'pods/log': { kind: 'Pod', verbs: ['get'] },
  'pods/proxy': { kind: 'PodProxyOptions', verbs: proxyVerbs },
  'pods/binding': { kind: 'Binding', verbs: ['create'] },
  'pods/eviction': { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
  'serviceaccounts/token': { kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] },
  'services/status': { kind: 'Service', verbs: statusVerbs },
  'services/proxy': { kind: 'ServiceProxyOptions', verbs: proxyVerbs },
  'nodes/status': { kind: 'Node', verbs: statusVerbs },
  'nodes/proxy': { kind: 'NodeProxyOptions', verbs: proxyVerbs },
  'namespaces/status': { kind: 'Namespace', verbs: statusVerbs },
  'namespaces/finalize': { kind: 'Namespace', verbs: ['update'] },
  'persistentvolumeclaims/status': { kind: 'PersistentVolumeClaim', verbs: statusVerbs },
  'persistentvolumes/status': { kind: 'PersistentVolume', verbs: statusVerbs },
  'statefulsets/status': { kind: 'StatefulSet', verbs: statusVerbs },
  'statefulsets/scale': { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: statusVerbs },
};
