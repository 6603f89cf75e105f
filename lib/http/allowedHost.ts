import { isLoopbackHost } from './loopback';

/**
 * DNS rebinding: a page on evil.example whose name is re-pointed at 127.0.0.1 is "same origin" with
 * itself, so Origin == Host proves nothing. Changes and terminals are therefore only accepted when
 * the Host is a loopback name or address, the configured HOST, or one listed in
 * DASHBOARD_ALLOWED_HOSTS (comma-separated; for an Ingress or Service name in a cluster).
 */
function hostName(hostHeader: string): string {
  const trimmed = hostHeader.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  const colon = trimmed.lastIndexOf(':');
  return colon > 0 && trimmed.indexOf(':') === colon ? trimmed.slice(0, colon) : trimmed;
}

export function hostProblem(hostHeader: string | null | undefined, env: Record<string, string | undefined> = process.env): string | undefined {
  if (!hostHeader) return 'The request has no Host header.';
  const name = hostName(hostHeader);
  if (isLoopbackHost(name)) return undefined;
  const configured = (env.HOST ?? '').trim().toLowerCase();
  if (configured && configured !== '0.0.0.0' && configured !== '::' && name === configured) return undefined;
  const allowed = (env.DASHBOARD_ALLOWED_HOSTS ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  if (allowed.includes(name)) return undefined;
  return `The dashboard does not answer changes for the host "${name}": open it at 127.0.0.1 or localhost, or list the name in DASHBOARD_ALLOWED_HOSTS.`;
}
