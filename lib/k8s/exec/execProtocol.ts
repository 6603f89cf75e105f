import type { V1Status } from '@kubernetes/client-node';
import type { ExecClientMessage, ExecServerMessage } from '../streamMessages';

/**
 * The pod terminal's WebSocket messages (types in lib/k8s/streamMessages.ts, shared with the UI):
 * parsing what the browser sends, and turning the exec's final Status into the `exit` message.
 */
export type { ExecClientMessage, ExecServerMessage };

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

/** The exec's Status: Success is exit code 0; a failure carries the code as the cause "ExitCode", as kubectl reads it. */
export function exitMessage(status: V1Status): ExecServerMessage {
  if (status.status === 'Success') return { type: 'exit', code: 0 };
  const cause = status.details?.causes?.find((entry) => entry.reason === 'ExitCode');
  const code = cause?.message !== undefined && /^\d+$/.test(cause.message) ? Number(cause.message) : undefined;
  return { type: 'exit', ...(code !== undefined ? { code } : {}), ...(status.message ? { reason: status.message } : {}) };
}
