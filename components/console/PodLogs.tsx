'use client';

import { useEffect, useRef } from 'react';
import { Empty, ErrorText, Loading } from '@/components/ui/StateMessage';
import { usePodLogs } from '@/hooks/usePodLogs';

/** The pod's log, following new lines and staying at the bottom unless you scrolled up. */
export function PodLogs({ context, namespace, pod, container, follow }: { context: string; namespace: string; pod: string; container: string | null; follow: boolean }) {
  const logs = usePodLogs(context, namespace, pod, container, follow);
  const box = useRef<HTMLPreElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    const element = box.current;
    if (element && stick.current) element.scrollTop = element.scrollHeight;
  }, [logs.lines]);

  return (
    <div className="space-y-1">
      {logs.state === 'loading' ? <Loading>Asking the kubelet for the log of {pod}…</Loading> : null}
      {logs.error ? <ErrorText>{logs.error}</ErrorText> : null}
      {logs.state === 'following' ? <p className="text-xs text-slate-600 dark:text-slate-400">Following: new lines appear as the pod writes them.</p> : null}
      {logs.state === 'ended' && logs.lines.length === 0 ? <Empty>The log is empty.</Empty> : null}
      <pre
        ref={box}
        tabIndex={0}
        aria-label={`Log of ${pod}`}
        data-testid="pod-logs"
        onScroll={(event) => {
          const element = event.currentTarget;
          stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
        }}
        className="h-72 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100"
      >
        {logs.lines.join('\n')}
      </pre>
    </div>
  );
}
