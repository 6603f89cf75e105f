/** URLs of the dashboard's HTTP API (see DESIGN.md), every segment encoded. */

const segment = encodeURIComponent;

export function contextPath(context: string): string {
  return `/api/contexts/${segment(context)}`;
}

export function namespacePath(context: string, namespace: string): string {
  return `${contextPath(context)}/namespaces/${segment(namespace)}`;
}

export function statefulSetsPath(context: string, namespace: string): string {
  return `${namespacePath(context, namespace)}/statefulsets`;
}

export function statefulSetPath(context: string, namespace: string, name: string): string {
  return `${statefulSetsPath(context, namespace)}/${segment(name)}`;
}

export function podPath(context: string, namespace: string, pod: string): string {
  return `${namespacePath(context, namespace)}/pods/${segment(pod)}`;
}

export function servicePath(context: string, namespace: string, service: string): string {
  return `${namespacePath(context, namespace)}/services/${segment(service)}`;
}
