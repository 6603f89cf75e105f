/**
 * The one error shape every dashboard API answers with: `{error, detail, field?}` and an HTTP status.
 * Route handlers throw HttpError; `errorResponse` turns anything thrown into that JSON.
 */
export interface ErrorBody {
  error: string;
  detail: string;
  field?: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(`${error}: ${detail}`);
  }

  toBody(): ErrorBody {
    return this.field === undefined ? { error: this.error, detail: this.detail } : { error: this.error, detail: this.detail, field: this.field };
  }
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}
