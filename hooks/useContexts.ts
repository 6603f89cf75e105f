'use client';

import useSWR from 'swr';
import { fetchJson } from './fetchJson';

export interface ContextEntry {
  name: string;
  cluster?: string;
  server: string;
  namespace?: string;
  current: boolean;
}

export interface ContextsResponse {
  current: string;
  contexts: ContextEntry[];
  /** READ_ONLY=true on the server: every mutation is refused (optional: older servers do not say). */
  readOnly?: boolean;
}

/** The kubeconfig's contexts (GET /api/contexts); retried every few seconds while it fails. */
export function useContexts() {
  return useSWR<ContextsResponse, Error>('/api/contexts', fetchJson, { errorRetryInterval: 3000, revalidateOnFocus: false });
}
