import http from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

/** A plain HTTP GET (a new connection unless an agent is given), failing after 20 s of silence. */
export function httpGet(host: string, port: number, path: string, agent?: http.Agent): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path, agent: agent ?? false, timeout: 20_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET http://${host}:${port}${path} timed out`)));
    request.on('error', reject);
  });
}
