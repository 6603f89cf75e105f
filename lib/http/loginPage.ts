/** The login form served by server.ts when DASHBOARD_TOKEN is set: plain HTML, no script, posts the token once. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function loginPage(options: { next: string; error?: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>StatefulSet Explorer: log in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;background:#0f172a;color:#e2e8f0;display:grid;place-items:center;min-height:100vh;margin:0}
form{background:#1e293b;padding:2rem;border-radius:12px;width:min(24rem,90vw)}label{display:block;margin:.5rem 0}
input{width:100%;padding:.5rem;border-radius:6px;border:1px solid #475569;background:#0f172a;color:inherit;box-sizing:border-box}
button{margin-top:1rem;padding:.5rem 1rem;border-radius:6px;border:0;background:#38bdf8;color:#0f172a;font-weight:600}.error{color:#fca5a5}</style></head>
<body><form method="post" action="/api/login">
<h1>StatefulSet Explorer</h1>
<p>This dashboard is protected by a token (DASHBOARD_TOKEN). Paste it to continue.</p>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<label for="token">Token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<button type="submit">Log in</button></form></body></html>`;
}
