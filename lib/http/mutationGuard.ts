import { HttpError } from './httpError';
import { sameOriginProblem } from './sameOrigin';
import { isReadOnly, readOnlyReason } from './readOnly';

/**
 * Every route that changes something calls this first: same origin, a JSON body (which a plain HTML
 * form cannot send, so it is a second CSRF barrier), and not READ_ONLY. Nothing is read or done
 * before it passes.
 */
export function guardMutation(request: Request, options: { needsBody?: boolean } = {}): void {
  const originProblem = sameOriginProblem(request.headers);
  if (originProblem) throw new HttpError(403, 'Cross-origin request refused', originProblem);
  if (options.needsBody !== false) {
    const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') throw new HttpError(403, 'JSON required', `Changes must be sent as Content-Type: application/json (got "${type || 'none'}").`);
  }
  if (isReadOnly()) throw new HttpError(403, 'Read-only dashboard', readOnlyReason);
}
