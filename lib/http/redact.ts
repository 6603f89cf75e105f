/**
 * Errors from client-node can quote request options, kubeconfig paths or headers. Before any text
 * reaches the browser, bearer tokens, basic credentials, certificate/key blocks and base64 blobs
 * long enough to be key material are blanked out.
 */
const patterns: [RegExp, string][] = [
  [/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]'],
  [/("?(?:authorization|token|password|client-key-data|client-certificate-data|certificate-authority-data|id-token|refresh-token)"?\s*[:=]\s*)"?[^\s",}]+"?/gi, '$1[redacted]'],
  [/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[redacted key material]'],
  [/\b[A-Za-z0-9+/]{80,}={0,2}/g, '[redacted]'],
  [/(https?:\/\/)[^/@\s:]+:[^/@\s]+@/gi, '$1[redacted]@'],
];

export function redactSecrets(text: string, knownSecrets: string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}
