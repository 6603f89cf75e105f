'use client';

import useSWR from 'swr';

interface ContextsResponse {
  current: string;
  contexts: { name: string; server: string; current: boolean }[];
}

interface VersionResponse {
  context: string;
  server: string;
  gitVersion: string;
  platform: string;
}

class FetchError extends Error {
  constructor(message: string, readonly detail: string) {
    super(message);
  }
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  const body = (await response.json()) as T & { error?: string; detail?: string };
  if (!response.ok) throw new FetchError(body.error ?? `HTTP ${response.status}`, body.detail ?? '');
  return body;
}

/** Which cluster the dashboard talks to, and its version; retries every few seconds while it cannot be reached. */
export function ClusterInfo() {
  const contexts = useSWR<ContextsResponse>('/api/contexts', fetchJson, { errorRetryInterval: 3000 });
  const current = contexts.data?.current;
  const version = useSWR<VersionResponse>(current ? `/api/contexts/${encodeURIComponent(current)}/version` : null, fetchJson, {
    errorRetryInterval: 3000,
    refreshInterval: (data) => (data ? 0 : 3000),
  });

  if (contexts.error) return <ClusterError error={contexts.error} />;
  if (!contexts.data) return <p className="text-slate-500">Reading the cluster configuration…</p>;
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" aria-label="Cluster in use">
      <dt className="font-medium">Context</dt>
      <dd data-testid="cluster-context">{current}</dd>
      <dt className="font-medium">Server</dt>
      <dd>{contexts.data.contexts.find((c) => c.current)?.server}</dd>
      <dt className="font-medium">Kubernetes version</dt>
      <dd data-testid="cluster-version">
        {version.data ? version.data.gitVersion : version.error ? <ClusterError error={version.error} /> : 'asking the cluster…'}
      </dd>
    </dl>
  );
}

function ClusterError({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  const detail = error instanceof FetchError ? error.detail : '';
  return (
    <span role="alert" className="text-red-700 dark:text-red-400">
      {message}
      {detail ? `: ${detail}` : ''}. Trying again every 3 seconds.
    </span>
  );
}
