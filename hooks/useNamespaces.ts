'use client';

import useSWR from 'swr';
import { contextPath } from './apiPaths';
import { fetchJson } from './fetchJson';

type NamespaceEntry = string | { name: string };
interface NamespacesResponse {
  namespaces?: NamespaceEntry[];
  items?: NamespaceEntry[];
}

async function fetchNamespaces(url: string): Promise<string[]> {
  const body = await fetchJson<NamespacesResponse | NamespaceEntry[]>(url);
  const entries = Array.isArray(body) ? body : (body.namespaces ?? body.items ?? []);
  return entries.map((entry) => (typeof entry === 'string' ? entry : entry.name)).sort();
}

/** Namespace names of one context; a user who may not list namespaces gets the error, and can still type one. */
export function useNamespaces(context: string) {
  return useSWR<string[], Error>(`${contextPath(context)}/namespaces`, fetchNamespaces, { errorRetryInterval: 5000, revalidateOnFocus: false });
}
