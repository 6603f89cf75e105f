'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { PodView } from '@/lib/k8s/viewModels';
import { Button } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';
import { inputClass } from '@/components/actions/fieldClasses';
import { useTheme } from '@/hooks/useTheme';
import { PodLogs } from './PodLogs';

const PodTerminal = dynamic(() => import('./PodTerminal'), {
  ssr: false,
  loading: () => <p className="h-72 text-sm text-slate-600 dark:text-slate-400">Loading the terminal…</p>,
});

export type ConsoleView = 'logs' | 'terminal';

/** Logs and terminal of one pod, opened from its card. */
export function PodConsole({
  context,
  namespace,
  pod,
  podName,
  view,
  onViewChange,
  onClose,
}: {
  context: string;
  namespace: string;
  pod: PodView | undefined;
  podName: string;
  view: ConsoleView;
  onViewChange: (view: ConsoleView) => void;
  onClose: () => void;
}) {
  const containers = pod?.containerStates.map((state) => state.name) ?? [];
  const [container, setContainer] = useState<string | null>(null);
  const [follow, setFollow] = useState(true);
  const { theme } = useTheme();
  const name = podName;
  const chosen = container && containers.includes(container) ? container : (containers[0] ?? null);

  return (
    <Panel
      id="console"
      title={`Pod ${name}: ${view === 'logs' ? 'logs' : 'terminal'}`}
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <div role="tablist" aria-label="Logs or terminal" className="flex gap-1">
            <Button role="tab" aria-selected={view === 'logs'} variant={view === 'logs' ? 'primary' : 'secondary'} onClick={() => onViewChange('logs')}>
              Logs
            </Button>
            <Button role="tab" aria-selected={view === 'terminal'} variant={view === 'terminal' ? 'primary' : 'secondary'} onClick={() => onViewChange('terminal')}>
              Terminal
            </Button>
          </div>
          {containers.length > 1 ? (
            <label className="flex items-center gap-1 text-xs">
              Container
              <select value={chosen ?? ''} onChange={(event) => setContainer(event.target.value)} className={inputClass}>
                {containers.map((entry) => (
                  <option key={entry}>{entry}</option>
                ))}
              </select>
            </label>
          ) : null}
          {view === 'logs' ? (
            <label className="flex items-center gap-1 text-xs">
              <input type="checkbox" checked={follow} onChange={(event) => setFollow(event.target.checked)} />
              Follow
            </label>
          ) : null}
          <Button onClick={onClose} aria-label={`Close the console of ${name}`}>
            Close
          </Button>
        </div>
      }
    >
      {!pod ? (
        <p className="text-sm">This pod does not exist right now (it may be restarting); the console opens again when it is back.</p>
      ) : view === 'logs' ? (
        <PodLogs context={context} namespace={namespace} pod={name} container={chosen} follow={follow} />
      ) : (
        <PodTerminal key={`${name}/${chosen}`} context={context} namespace={namespace} pod={name} container={chosen} dark={theme === 'dark'} />
      )}
    </Panel>
  );
}
