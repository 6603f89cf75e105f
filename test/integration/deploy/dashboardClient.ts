/**
 * Calls the dashboard's HTTP API as its UI does (hooks/fetchJson.ts): the bearer token, and for
 * mutations, DELETE included, a same-origin JSON request. Answers with the status and the parsed body (or the text when it is not JSON).
 */
import WebSocket from 'ws';
import type { ExecServerMessage } from '../../../lib/k8s/streamMessages';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
}

export function dashboardClient(base: string, token: string, context: string, namespace: string) {
  const prefix = `${base}/api/contexts/${encodeURIComponent(context)}/namespaces/${encodeURIComponent(namespace)}`;
  const call = async <T = unknown>(method: string, path: string, body?: unknown): Promise<Answer<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (method !== 'GET') {
      headers.origin = base;
      if (body !== undefined) headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${prefix}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, text };
  };

  /** The pod terminal's WebSocket (lib/k8s/streamMessages.ts), run to the end: what the command wrote, how it ended. */
  const exec = (pod: string, command: string[]): Promise<{ stdout: string; exit?: { code?: number; reason?: string }; error?: string }> =>
    new Promise((resolve, reject) => {
      const query = [...command.map((arg) => `command=${encodeURIComponent(arg)}`), 'tty=false'].join('&');
      const socket = new WebSocket(`${prefix.replace(/^http/, 'ws')}/pods/${encodeURIComponent(pod)}/exec?${query}`, { headers: { origin: base, authorization: `Bearer ${token}` } });
      let stdout = '';
      let exit: { code?: number; reason?: string } | undefined;
      let error: string | undefined;
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error(`the terminal did not finish within 20 s; stdout so far: ${stdout}`));
      }, 20_000);
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as ExecServerMessage;
        if (message.type === 'stdout') stdout += message.data;
        if (message.type === 'exit') exit = { code: message.code, reason: message.reason };
        if (message.type === 'error') error = message.message;
      });
      socket.on('unexpected-response', (_request, response) => {
        clearTimeout(timer);
        reject(new Error(`the terminal upgrade was refused with HTTP ${response.statusCode}`));
      });
      socket.on('error', (cause) => {
        clearTimeout(timer);
        reject(cause);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ stdout, exit, error });
      });
    });

  return { call, exec };
}
