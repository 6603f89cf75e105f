'use client';

/**
 * A terminal in a pod: xterm.js over the dashboard's exec WebSocket (JSON frames, see
 * lib/k8s/streamMessages.ts). Loaded with next/dynamic, so xterm is not in the page's first load.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { ExecClientMessage, ExecServerMessage } from '@/lib/k8s/streamMessages';
import { podPath } from '@/hooks/apiPaths';

type SocketState = 'connecting' | 'open' | 'closed';

export default function PodTerminal({ context, namespace, pod, container, dark }: { context: string; namespace: string; pod: string; container: string | null; dark: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<SocketState>('connecting');
  const [ended, setEnded] = useState<string | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const terminal = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontSize: 13,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
      theme: dark ? { background: '#020617', foreground: '#e2e8f0' } : { background: '#0f172a', foreground: '#f8fafc' },
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(element);
    fit.fit();

    const params = new URLSearchParams();
    if (container) params.set('container', container);
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${window.location.host}${podPath(context, namespace, pod)}/exec${params.size ? `?${params}` : ''}`);
    const send = (message: ExecClientMessage) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    };
    setState('connecting');
    setEnded(null);
    socket.onopen = () => {
      setState('open');
      send({ type: 'resize', cols: terminal.cols, rows: terminal.rows });
      terminal.focus();
    };
    socket.onmessage = (event: MessageEvent<string>) => {
      let message: ExecServerMessage;
      try {
        message = JSON.parse(event.data) as ExecServerMessage;
      } catch {
        return;
      }
      if (message.type === 'stdout' || message.type === 'stderr') terminal.write(message.data);
      else if (message.type === 'exit') {
        const why = `The command ended${message.code !== undefined ? ` with exit code ${message.code}` : ''}${message.reason ? `: ${message.reason}` : ''}.`;
        terminal.write(`\r\n\x1b[2m${why}\x1b[0m\r\n`);
        setEnded(why);
      } else if (message.type === 'error') {
        terminal.write(`\r\n\x1b[31m${message.message}\x1b[0m\r\n`);
        setEnded(message.message);
      }
    };
    socket.onclose = (event) => {
      setState('closed');
      if (event.code !== 1000 && event.code !== 1005) setEnded((current) => current ?? `The connection closed (${event.code}${event.reason ? `: ${event.reason}` : ''}).`);
    };
    const input = terminal.onData((data) => send({ type: 'stdin', data }));
    const resize = terminal.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows }));
    const observer = new ResizeObserver(() => fit.fit());
    observer.observe(element);

    return () => {
      observer.disconnect();
      input.dispose();
      resize.dispose();
      // A clean close: the server ends the exec stream when the socket closes normally.
      socket.close(1000, 'terminal closed');
      terminal.dispose();
    };
  }, [context, namespace, pod, container, dark]);

  return (
    <div className="space-y-1">
      <p className="text-xs text-slate-700 dark:text-slate-300" role="status" data-testid="terminal-state" data-state={state}>
        {state === 'connecting' ? `Connecting to ${pod}…` : state === 'open' ? `Connected to ${pod}: type a command, e.g. cat data/visits.txt, and press Enter.` : (ended ?? 'Disconnected.')}
      </p>
      <div ref={host} className="h-72 w-full overflow-hidden rounded bg-slate-900 p-1" data-testid="terminal" aria-label={`Terminal in ${pod}`} />
    </div>
  );
}
