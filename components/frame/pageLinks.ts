/** URLs of the dashboard's pages: context, namespace and StatefulSet live in the path, so every view can be linked and reloaded. */

const segment = encodeURIComponent;

export function namespaceHref(context: string, namespace: string): string {
  return `/c/${segment(context)}/ns/${segment(namespace)}`;
}

export function statefulSetHref(context: string, namespace: string, name: string): string {
  return `${namespaceHref(context, namespace)}/sts/${segment(name)}`;
}

export function compareHref(context: string, namespace: string, a?: string, b?: string): string {
  const params = new URLSearchParams();
  if (a) params.set('a', a);
  if (b) params.set('b', b);
  const query = params.toString();
  return `${namespaceHref(context, namespace)}/compare${query ? `?${query}` : ''}`;
}

/** Route params arrive percent-encoded in some Next versions and decoded in others; decode once, safely. */
export function decodeParam(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
