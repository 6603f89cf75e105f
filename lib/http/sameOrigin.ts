/**
 * Cross-site request forgery guard for mutations: the browser must say the request comes from the
 * dashboard's own origin, through `Origin` (compared with the Host the request was sent to) or
 * `Sec-Fetch-Site: same-origin`. A request with neither is refused: every browser since 2020 sends
 * one of them on a POST, so only a forged or non-browser request lacks both.
 */
export function sameOriginProblem(headers: Headers): string | undefined {
  const site = headers.get('sec-fetch-site');
  const origin = headers.get('origin');
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  if (site && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site is "${site}": only the dashboard's own pages may change the cluster.`;
  if (origin && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return 'The Origin header is not a valid URL.';
    }
    if (!host || originHost.toLowerCase() !== host.toLowerCase()) return `The request comes from ${origin}, not from the dashboard (${host ?? 'unknown host'}).`;
    return undefined;
  }
  if (origin === 'null') return 'The request comes from an opaque origin.';
  if (site === 'same-origin') return undefined;
  return 'The request carries neither Origin nor Sec-Fetch-Site, so it cannot be shown to come from the dashboard.';
}
