/**
 * The pod terminal's WebSocket protocol between the browser (xterm) and the dashboard, one JSON
 * text frame per message. URL: /api/contexts/{context}/namespaces/{namespace}/pods/{pod}/exec
 * ?container=<name>&command=<argv0>&command=<argv1>...&tty=true|false (default: command=sh, tty=true).
 */
export type ExecClientMessage = { type: 'stdin'; data: string } | { type: 'resize'; cols: number; rows: number };

export type ExecServerMessage =
  | { type: 'stdout'; data: string }
  | { type: 'stderr'; data: string }
  /** The command ended: status "Success" or "Failure" and the API's message (e.g. the exit code). */
  | { type: 'exit'; status: string; message?: string }
  | { type: 'error'; error: string; detail: string };

export function parseClientMessage(text: string): ExecClientMessage | undefined {
  try {
    const value = JSON.parse(text) as { type?: unknown; data?: unknown; cols?: unknown; rows?: unknown };
    if (value.type === 'stdin' && typeof value.data === 'string' && value.data.length <= 64 * 1024) return { type: 'stdin', data: value.data };
    if (value.type === 'resize' && Number.isInteger(value.cols) && Number.isInteger(value.rows)) {
      const cols = Math.min(1000, Math.max(1, value.cols as number));
      const rows = Math.min(1000, Math.max(1, value.rows as number));
      return { type: 'resize', cols, rows };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
