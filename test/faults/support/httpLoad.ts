import http from 'node:http';

export interface LoadResult {
  sent: number;
  ok: number;
  /** Status codes other than 200, and transport errors, by name. */
  failures: Map<string, number>;
}

export interface LoadOptions {
  host: string;
  port: number;
  path: string;
  /** Requests to send at least. */
  total: number;
  concurrency: number;
  /** Called after each answered request with the number sent so far; the run also waits for `keepGoing` to turn false. */
  onProgress?: (sent: number) => void;
  /** While it returns true the run continues past `total` (so a fault injected late still lands mid-run). */
  keepGoing?: () => boolean;
}

function once(agent: http.Agent, options: LoadOptions): Promise<string> {
  return new Promise((resolve) => {
    const request = http.get({ host: options.host, port: options.port, path: options.path, agent, timeout: 15_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.statusCode ?? 0)));
      response.on('error', (error) => resolve(`response ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
  });
}

/** GET requests over `concurrency` keep-alive connections, as a browser or a load tester would send them. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const result: LoadResult = { sent: 0, ok: 0, failures: new Map() };
  const more = () => result.sent < options.total || (options.keepGoing?.() ?? false);
  try {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (more()) {
          result.sent += 1;
          const outcome = await once(agent, options);
          if (outcome === '200') result.ok += 1;
          else {
            result.failures.set(outcome, (result.failures.get(outcome) ?? 0) + 1);
            // A refused or reset connection: do not spin while the Service has no endpoint.
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          options.onProgress?.(result.sent);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return result;
}
