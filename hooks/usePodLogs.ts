'use client';

import { useEffect, useState } from 'react';
import { podPath } from './apiPaths';
import { describeError } from './apiError';
import { errorFromResponse } from './apiError';

const MAX_LINES = 2000;

export interface PodLogsState {
  lines: string[];
  state: 'loading' | 'following' | 'ended' | 'error';
  error: string | null;
}

/** A pod's log, followed as it grows (a streamed GET), the last 2,000 lines kept. */
export function usePodLogs(context: string, namespace: string, pod: string, container: string | null, follow: boolean): PodLogsState {
  const [logs, setLogs] = useState<PodLogsState>({ lines: [], state: 'loading', error: null });

  useEffect(() => {
    const abort = new AbortController();
    const params = new URLSearchParams({ follow: String(follow), tailLines: '500' });
    if (container) params.set('container', container);
    setLogs({ lines: [], state: 'loading', error: null });
    (async () => {
      const response = await fetch(`${podPath(context, namespace, pod)}/logs?${params}`, { signal: abort.signal });
      if (!response.ok || !response.body) throw await errorFromResponse(response);
      setLogs((current) => ({ ...current, state: follow ? 'following' : 'ended' }));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let partial = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parts = (partial + value).split('\n');
        partial = parts.pop() ?? '';
        if (parts.length > 0) setLogs((current) => ({ ...current, lines: [...current.lines, ...parts].slice(-MAX_LINES) }));
      }
      setLogs((current) => ({ ...current, lines: partial ? [...current.lines, partial].slice(-MAX_LINES) : current.lines, state: 'ended' }));
    })().catch((error: unknown) => {
      if (abort.signal.aborted) return;
      setLogs((current) => ({ ...current, state: 'error', error: describeError(error) }));
    });
    return () => abort.abort();
  }, [context, namespace, pod, container, follow]);

  return logs;
}
