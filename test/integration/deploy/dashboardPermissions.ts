/**
 * The API requests the dashboard's features make (lib/k8s/actions, lib/k8s/cache, lib/k8s/exec,
 * lib/k8s/podLogs.ts, lib/visits/traffic, lib/k8s/access), as RBAC (API group, resource, verb), each with the
 * feature that needs it. The shipped Role must grant exactly these: every one (enough) and no other
 * (not more). A feature that starts making a new kind of request adds a line here and a rule in
 * manifests/dashboard/base/role.yaml.
 */
export interface Permission {
  group: string;
  resource: string;
  verb: string;
  feature: string;
}

const read = (group: string, resource: string, feature: string): Permission[] =>
  ['get', 'list', 'watch'].map((verb) => ({ group, resource, verb, feature }));

export const namespacedPermissions: Permission[] = [
  ...read('apps', 'statefulsets', 'live view of StatefulSets'),
  ...read('apps', 'controllerrevisions', 'revisions and rollback'),
  ...read('', 'pods', 'live view of pods'),
  ...read('', 'services', 'services of a StatefulSet'),
  ...read('', 'endpoints', 'endpoints of a Service'),
  ...read('', 'persistentvolumeclaims', 'claims of a StatefulSet'),
  ...read('', 'events', 'events of a StatefulSet'),
  { group: 'apps', resource: 'statefulsets', verb: 'patch', feature: 'restart, image, update strategy, partition, rollback' },
  { group: 'apps', resource: 'statefulsets', verb: 'delete', feature: 'pod management policy (delete with orphans)' },
  { group: 'apps', resource: 'statefulsets', verb: 'create', feature: 'pod management policy (create again)' },
  { group: 'apps', resource: 'statefulsets/scale', verb: 'patch', feature: 'scale' },
  { group: '', resource: 'pods', verb: 'delete', feature: 'delete pod' },
  { group: '', resource: 'pods/exec', verb: 'get', feature: 'visits and terminal (WebSocket upgrade is a GET)' },
  { group: '', resource: 'pods/exec', verb: 'create', feature: 'visits and terminal (Kubernetes 1.35+ also checks create)' },
  { group: '', resource: 'pods/log', verb: 'get', feature: 'logs' },
  { group: '', resource: 'services/proxy', verb: 'get', feature: 'traffic through the API server' },
];

export const clusterPermissions: Permission[] = [
  { group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews', verb: 'create', feature: 'what the user may do' },
];

/** What the all-namespaces ClusterRole adds: the namespace picker. */
export const namespacePickerPermissions: Permission[] = read('', 'namespaces', 'namespace picker');

/** Reads only: what the read-only overlay keeps (no exec: it runs commands; no proxy: only traffic uses it). */
export const readOnlyPermissions: Permission[] = namespacedPermissions.filter(
  (permission) => ['get', 'list', 'watch'].includes(permission.verb) && !['pods/exec', 'services/proxy'].includes(permission.resource),
);

export const key = (permission: { group: string; resource: string; verb: string }) => `${permission.group}|${permission.resource}|${permission.verb}`;

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** Every (group, resource, verb) a list of rules grants, as keys; wildcards stay as '*'. */
export function grantedKeys(rules: PolicyRule[]): string[] {
  const keys = new Set<string>();
  for (const rule of rules) {
    for (const group of rule.apiGroups ?? []) for (const resource of rule.resources ?? []) for (const verb of rule.verbs) keys.add(key({ group, resource, verb }));
  }
  return [...keys].sort();
}
