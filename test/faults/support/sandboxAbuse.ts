/**
 * Malformed and unauthorised requests to the sandbox's API server, each of which a real API server
 * refuses with a 4xx: missing and forged tokens, a read-only user writing or impersonating, bad
 * JSON, wrong types, invalid names, path traversal, huge numbers and bodies, wrong methods and
 * content types, broken selectors.
 *
 * Also: wrong JSON types in known fields (a numeric name, non-string data, replicas "three", 2^40,
 * 1e308), a Secret POSTed to configmaps, a scale patch to 2^40, `?dryRun=Bogus`, and a DELETE whose
 * DeleteOptions carry a wrong uid or resourceVersion precondition (409, the object stays).
 */
export interface SandboxAbuseCase {
  label: string;
  method: string;
  path: string;
  /** Which credential to send: the admin's, the read-only viewer's, none, or a forged one. */
  as: 'admin' | 'viewer' | 'none' | 'forged';
  headers?: Record<string, string>;
  body?: string;
}

const json = { 'Content-Type': 'application/json' };
const configMaps = '/api/v1/namespaces/default/configmaps';
const statefulSets = '/apis/apps/v1/namespaces/default/statefulsets';
const pod = '/api/v1/namespaces/default/pods/python-python-app-0';

function configMap(name: unknown, data: unknown = { key: 'value' }): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });
}

/** Each case names its own StatefulSet, so one wrongly accepted create cannot hide another behind 409 AlreadyExists. */
function statefulSet(replicas: unknown, name: string): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'visits-app:1.0' }] } } },
  });
}

export function sandboxAbuseCases(): SandboxAbuseCase[] {
  return [
    { label: 'list pods without a token', method: 'GET', path: '/api/v1/namespaces/default/pods', as: 'none' },
    { label: 'list secrets with a forged token', method: 'GET', path: '/api/v1/namespaces/default/secrets', as: 'forged' },
    { label: 'read the demo Secret without a token', method: 'GET', path: '/api/v1/namespaces/default/secrets/credentials', as: 'none' },
    { label: 'create with a forged token', method: 'POST', path: configMaps, as: 'forged', headers: json, body: configMap('forged') },
    { label: 'create as the read-only viewer', method: 'POST', path: configMaps, as: 'viewer', headers: json, body: configMap('viewer-write') },
    { label: 'delete a pod as the read-only viewer', method: 'DELETE', path: pod, as: 'viewer' },
    { label: 'scale as the read-only viewer', method: 'PATCH', path: `${statefulSets}/python-python-app/scale`, as: 'viewer', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"spec":{"replicas":1}}' },
    { label: 'read the demo Secret as the viewer', method: 'GET', path: '/api/v1/namespaces/default/secrets/credentials', as: 'viewer' },
    { label: 'impersonate an admin as the viewer', method: 'POST', path: configMaps, as: 'viewer', headers: { ...json, 'Impersonate-User': 'admin', 'Impersonate-Group': 'system:masters' }, body: configMap('impersonated') },
    { label: 'bad JSON', method: 'POST', path: configMaps, as: 'admin', headers: json, body: '{"apiVersion":"v1",' },
    { label: 'JSON that is not an object', method: 'POST', path: configMaps, as: 'admin', headers: json, body: '[1,2,3]' },
    { label: 'a name with path traversal', method: 'POST', path: configMaps, as: 'admin', headers: json, body: configMap('../../etc/passwd') },
    { label: 'an upper-case name', method: 'POST', path: configMaps, as: 'admin', headers: json, body: configMap('UPPER') },
    { label: 'a 300-character name', method: 'POST', path: configMaps, as: 'admin', headers: json, body: configMap('a'.repeat(300)) },
    { label: 'no name at all', method: 'POST', path: configMaps, as: 'admin', headers: json, body: configMap(undefined) },
    { label: 'another namespace in the body than in the URL', method: 'POST', path: configMaps, as: 'admin', headers: json, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'elsewhere', namespace: 'kube-system' } }) },
    { label: 'negative replicas', method: 'POST', path: statefulSets, as: 'admin', headers: json, body: statefulSet(-1, 'abuse-negative') },
    { label: 'a 5 MiB ConfigMap', method: 'POST', path: configMaps, as: 'admin', headers: json, body: configMap('huge', { key: 'x'.repeat(5 * 1024 * 1024) }) },
    { label: 'path traversal in an object name', method: 'GET', path: `${configMaps}/..%2F..%2Fsecrets`, as: 'admin' },
    { label: 'path traversal in a namespace', method: 'GET', path: '/api/v1/namespaces/..%2Fkube-system/pods/python-python-app-0', as: 'admin' },
    { label: 'an unknown resource', method: 'GET', path: '/api/v1/namespaces/default/nonsense', as: 'admin' },
    { label: 'log of a container that does not exist', method: 'GET', path: `${pod}/log?container=..%2F..%2Fetc%2Fpasswd`, as: 'admin' },
    { label: 'log with tailLines=abc', method: 'GET', path: `${pod}/log?tailLines=abc`, as: 'admin' },
    { label: 'exec without a WebSocket upgrade', method: 'POST', path: `${pod}/exec?command=cat&command=%2Fetc%2Fpasswd&stdout=true`, as: 'admin' },
    { label: 'exec as the read-only viewer', method: 'POST', path: `${pod}/exec?command=cat&command=%2Fetc%2Fpasswd&stdout=true`, as: 'viewer' },
    { label: 'PUT on a collection', method: 'PUT', path: configMaps, as: 'admin', headers: json, body: configMap('put-collection') },
    { label: 'POST on an object', method: 'POST', path: `${configMaps}/python-app-configmap`, as: 'admin', headers: json, body: configMap('python-app-configmap') },
    { label: 'PATCH with application/json', method: 'PATCH', path: `${configMaps}/python-app-configmap`, as: 'admin', headers: json, body: '{"data":{"key":"patched"}}' },
    { label: 'PATCH with text/plain', method: 'PATCH', path: `${configMaps}/python-app-configmap`, as: 'admin', headers: { 'Content-Type': 'text/plain' }, body: '{"data":{"key":"patched"}}' },
    { label: 'a merge patch that is not JSON', method: 'PATCH', path: `${configMaps}/python-app-configmap`, as: 'admin', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"data":' },
    { label: 'a JSON patch testing a wrong value', method: 'PATCH', path: `${configMaps}/python-app-configmap`, as: 'admin', headers: { 'Content-Type': 'application/json-patch+json' }, body: '[{"op":"test","path":"/data/env-var","value":"wrong"},{"op":"replace","path":"/data/env-var","value":"patched"}]' },
    { label: 'a scale to negative replicas', method: 'PATCH', path: `${statefulSets}/python-python-app/scale`, as: 'admin', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"spec":{"replicas":-5}}' },
    { label: 'a broken label selector', method: 'GET', path: '/api/v1/namespaces/default/pods?labelSelector=(((', as: 'admin' },
    { label: 'an unknown field selector', method: 'GET', path: '/api/v1/namespaces/default/pods?fieldSelector=spec.nonsense%3D1', as: 'admin' },
    { label: 'a numeric name', method: 'POST', path: configMaps, as: 'admin', headers: json, body: configMap(5) },
    { label: 'data values that are not strings', method: 'POST', path: configMaps, as: 'admin', headers: json, body: configMap('abuse-numbers', { key: 1, other: true }) },
    { label: 'a Secret posted to configmaps', method: 'POST', path: configMaps, as: 'admin', headers: json, body: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'abuse-secret' }, stringData: { password: 'x' } }) },
    { label: 'replicas "three"', method: 'POST', path: statefulSets, as: 'admin', headers: json, body: statefulSet('three', 'abuse-three') },
    { label: 'replicas 2^40', method: 'POST', path: statefulSets, as: 'admin', headers: json, body: statefulSet(2 ** 40, 'abuse-huge') },
    { label: 'replicas 1e308', method: 'POST', path: statefulSets, as: 'admin', headers: json, body: statefulSet(1e308, 'abuse-float') },
    { label: 'a scale to 2^40 replicas', method: 'PATCH', path: `${statefulSets}/python-python-app/scale`, as: 'admin', headers: { 'Content-Type': 'application/merge-patch+json' }, body: `{"spec":{"replicas":${2 ** 40}}}` },
    { label: 'a merge patch making replicas a string', method: 'PATCH', path: `${statefulSets}/python-python-app`, as: 'admin', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"spec":{"replicas":"three"}}' },
    { label: 'dryRun=Bogus', method: 'POST', path: `${configMaps}?dryRun=Bogus`, as: 'admin', headers: json, body: configMap('abuse-bogus-dry-run') },
    { label: 'a delete with a wrong uid precondition', method: 'DELETE', path: `${configMaps}/python-app-configmap`, as: 'admin', headers: json, body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: '00000000-0000-0000-0000-000000000000' } }) },
    { label: 'a delete with a wrong resourceVersion precondition', method: 'DELETE', path: `${configMaps}/python-app-configmap`, as: 'admin', headers: json, body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '1' } }) },
    { label: 'an update with a stale resourceVersion', method: 'PUT', path: `${configMaps}/python-app-configmap`, as: 'admin', headers: json, body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'python-app-configmap', resourceVersion: '1' }, data: { key: 'stale' } }) },
  ];
}
