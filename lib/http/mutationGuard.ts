import { HttpError } from './httpError';
import { sameOriginProblem } from './sameOrigin';
import { isReadOnly, readOnlyReason } from './readOnly';
import { hostProblem } from './allowedHost';

/**
 * Every route that changes something calls this first: a Host the dashboard is known by (DNS
 * rebinding), same origin, a JSON body (which a plain HTML form cannot send, so it is a second CSRF
 * barrier), and not READ_ONLY. Nothing is read or done before it passes.
 */
export function guardMutation(request: Request): void {
  // Host only: a rebound page is same-origin to the browser, so it could set X-Forwarded-Host itself.
  const rebinding = hostProblem(request.headers.get('host'));
  if (rebinding) throw new HttpError(403, 'Unknown host', rebinding);
  const originProblem = sameOriginProblem(request.headers);
  if (originProblem) throw new HttpError(403, 'Cross-origin request refused', originProblem);
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(403, 'JSON required', `Changes must be sent as Content-Type: application/json (got "${type || 'none'}").`);
  if (isReadOnly()) throw new HttpError(403, 'Read-only dashboard', readOnlyReason);
}
