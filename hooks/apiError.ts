/** An error answer of the dashboard API, `{error, detail, field?}`, kept verbatim for the screen. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail ? `${error}: ${detail}` : error);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: unknown;
  detail?: unknown;
  field?: unknown;
}

/** Turns a non-OK response into an ApiError, using the JSON body when there is one. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // Not JSON (a proxy or a crash page): show the raw text below.
  }
  const error = typeof body.error === 'string' ? body.error : `The dashboard answered ${response.status} ${response.statusText}`.trim();
  const detail = typeof body.detail === 'string' ? body.detail : typeof body.error === 'string' ? '' : text.slice(0, 500);
  const field = typeof body.field === 'string' ? body.field : undefined;
  return new ApiError(response.status, error, detail, field);
}

/** Words for any thrown value: an ApiError as the API said it, a network failure in plain terms. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return `The dashboard server cannot be reached (${error.message}).`;
  if (error instanceof Error) return error.message;
  return String(error);
}
