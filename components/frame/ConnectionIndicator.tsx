'use client';

import type { ConnectionState } from '@/lib/k8s/streamMessages';
import { CONNECTING_MESSAGE } from '@/hooks/streamConnection';

const looks: Record<ConnectionState['state'], { symbol: string; label: string; className: string }> = {
  live: { symbol: '●', label: 'Live', className: 'border-green-600 text-green-900 dark:text-green-200' },
  reconnecting: { symbol: '◌', label: 'Reconnecting', className: 'border-amber-600 text-amber-900 dark:text-amber-200' },
  unreachable: { symbol: '✕', label: 'Cluster unreachable', className: 'border-red-600 text-red-900 dark:text-red-200' },
};

/** Live / reconnecting / cluster unreachable, with the error in words, not only a coloured dot. */
export function ConnectionIndicator({ connection }: { connection: ConnectionState | undefined }) {
  const state = connection?.state ?? 'reconnecting';
  const firstConnect = !connection || connection.error === CONNECTING_MESSAGE;
  const look = firstConnect ? { ...looks.reconnecting, label: 'Connecting' } : looks[state];
  return (
    <div role="status" aria-live="polite" data-testid="connection-state" data-state={state} className="flex min-w-0 items-center gap-2 text-sm">
      <span className={`inline-flex shrink-0 items-center gap-1 rounded border px-1.5 py-0.5 font-medium ${look.className}`}>
        <span aria-hidden="true">{look.symbol}</span>
        {look.label}
      </span>
      {state !== 'live' && connection?.error && !firstConnect ? (
        <span className="truncate text-slate-700 dark:text-slate-300" title={connection.error}>
          {connection.error}
        </span>
      ) : null}
    </div>
  );
}
