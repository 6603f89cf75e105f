import { errorFromResponse } from './apiError';

/** GET a JSON document from the dashboard API; a non-OK answer throws an ApiError with the server's words. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as T;
}

/** POST/DELETE with a JSON body, the way every mutation of the dashboard API is called. */
export async function sendJson<T>(url: string, method: 'POST' | 'DELETE', body?: unknown): Promise<T | null> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    // Always a JSON body: the server refuses mutations that are not application/json.
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw await errorFromResponse(response);
  const text = await response.text();
  return text ? (JSON.parse(text) as T) : null;
}
