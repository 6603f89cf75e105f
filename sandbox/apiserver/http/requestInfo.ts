/**
 * What a request is about, parsed from its method and path the way kube-apiserver's
 * RequestInfoFactory does: resource requests (/api/v1/..., /apis/group/version/...) get a verb,
 * group, version, resource, subresource, namespace and name; everything else is a non-resource
 * path (/version, /healthz, discovery).
 */
export interface ResourceRequest {
  isResource: true;
  verb: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** Path after the subresource (pods/proxy/<rest>). */
  rest: string[];
  watch: boolean;
}

export interface NonResourceRequest {
  isResource: false;
  verb: string;
  path: string;
}

export type RequestInfo = ResourceRequest | NonResourceRequest;

const namespaceSubresources = new Set(['status', 'finalize']);

function verbFor(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export function parseRequestInfo(method: string, url: URL): RequestInfo {
  const path = url.pathname;
  const parts = path.split('/').filter((part) => part.length > 0).map((part) => decodeURIComponent(part));
  const nonResource: NonResourceRequest = { isResource: false, verb: method.toLowerCase(), path };
  let apiGroup = '';
  let apiVersion: string;
  let current: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    apiVersion = parts[1];
    current = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    apiGroup = parts[1];
    apiVersion = parts[2];
    current = parts.slice(3);
  } else return nonResource;

  let watch = false;
  if (current[0] === 'watch') {
    watch = true;
    current = current.slice(1);
  }
  let namespace = '';
  if (current[0] === 'namespaces' && current.length > 2 && !namespaceSubresources.has(current[2])) {
    namespace = current[1];
    current = current.slice(2);
  }
  if (current.length === 0) return nonResource;
  const resource = current[0];
  const name = current[1] ?? '';
  const subresource = current[2] ?? '';
  const rest = current.slice(3);
  if (!watch && url.searchParams.get('watch') && ['1', 'true'].includes(url.searchParams.get('watch') ?? '')) watch = true;
  const verb = verbFor(method, name !== '', watch);
  return { isResource: true, verb, apiGroup, apiVersion, resource, subresource, namespace, name, rest, watch };
}
