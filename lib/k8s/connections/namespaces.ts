import { CoreV1Api } from '@kubernetes/client-node';
import { kubeConfigFor } from './contextSource';
import { toHttpError, apiStatusCode } from '../apiErrors';

export interface NamespaceList {
  context: string;
  namespaces: { name: string; phase: string; creationTimestamp: string }[];
  /** The context's default namespace, which the UI selects first. */
  defaultNamespace: string;
  /** True when listing was forbidden and only the context's own namespace is known. */
  restricted: boolean;
}

/**
 * The namespaces of one context. A user who may not list namespaces (common with namespace-scoped
 * RBAC) still gets the context's own namespace, marked `restricted`, rather than an error.
 */
export async function listNamespaces(context: string): Promise<NamespaceList> {
  const kc = kubeConfigFor(context);
  const defaultNamespace = kc.getContextObject(context)?.namespace?.trim() || 'default';
  try {
    const list = await kc.makeApiClient(CoreV1Api).listNamespace();
    const namespaces = list.items
      .map((ns) => ({ name: ns.metadata?.name ?? '', phase: ns.status?.phase ?? '', creationTimestamp: toIso(ns.metadata?.creationTimestamp) }))
      .filter((ns) => ns.name)
      .sort((a, b) => a.name.localeCompare(b.name));
    return { context, namespaces, defaultNamespace, restricted: false };
  } catch (error) {
    if (apiStatusCode(error) === 403) {
      return { context, namespaces: [{ name: defaultNamespace, phase: 'Active', creationTimestamp: '' }], defaultNamespace, restricted: true };
    }
    throw toHttpError(error);
  }
}

export function toIso(value: Date | string | undefined): string {
  if (!value) return '';
  return value instanceof Date ? value.toISOString() : value;
}
