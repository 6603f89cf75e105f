import { ApiException } from '@kubernetes/client-node';
import { HttpError } from '../http/httpError';
import { redactSecrets } from '../http/redact';

/**
 * Turns whatever a client-node call threw into an HttpError the browser can show: the API server's
 * own Status message verbatim with its code, or a plain sentence for network trouble (refused,
 * unknown host, TLS, timeout). Nothing from the kubeconfig (tokens, keys) can pass through.
 */
interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { field?: string; message?: string }[] };
}

function parseStatus(body: unknown): StatusBody | undefined {
  if (typeof body === 'string') {
    try {
      return parseStatus(JSON.parse(body));
    } catch {
      return body.trim() ? { message: body.trim() } : undefined;
    }
  }
  if (typeof body === 'object' && body !== null) return body as StatusBody;
  return undefined;
}

const titles: Record<number, string> = {
  400: 'The cluster refused the request',
  401: 'The cluster rejected the credentials',
  403: 'Forbidden by the cluster',
  404: 'Not found in the cluster',
  409: 'Conflict in the cluster',
  410: 'The cluster state moved on',
  422: 'The cluster refused the change',
  429: 'The cluster is throttling requests',
};

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === 'string') return direct;
  const cause = (error as { cause?: unknown }).cause;
  return cause ? errorCode(cause) : undefined;
}

export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ApiException) {
    const status = parseStatus(error.body);
    const code = typeof error.code === 'number' && error.code >= 400 && error.code < 600 ? error.code : 502;
    const detail = redactSecrets(status?.message ?? `The API server answered HTTP ${code}.`);
    if (code === 401) {
      return new HttpError(401, titles[401], `${detail} The credentials in the kubeconfig may have expired or been revoked.`);
    }
    return new HttpError(code, titles[code] ?? (code >= 500 ? 'The cluster failed to answer' : 'The cluster refused the request'), detail);
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const detail = redactSecrets(message);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN') {
    return new HttpError(502, 'The cluster cannot be reached', detail);
  }
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new HttpError(502, 'The cluster cannot be reached', `TLS problem talking to the API server: ${detail}`);
  }
  if (/timed? ?out|aborted/i.test(message)) return new HttpError(504, 'The cluster did not answer in time', detail);
  if (/fetch failed|socket hang up|network|connect/i.test(message)) return new HttpError(502, 'The cluster cannot be reached', detail);
  return new HttpError(500, 'Unexpected error', detail);
}

/** The status code of a client-node error, or undefined for network trouble. */
export function apiStatusCode(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : undefined;
}
