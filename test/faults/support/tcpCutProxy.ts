import net from 'node:net';

/**
 * A TCP relay on loopback between a client and the sandbox's API server (TLS passes through
 * untouched), which can cut every connection at once, even in the middle of a chunk, as a
 * dropped Wi-Fi or a restarted load balancer does. Also counts connections, for benchmarks that
 * need to know how many watches a client holds open.
 */
export class TcpCutProxy {
  private readonly server: net.Server;
  private readonly open = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private cutPending?: () => void;
  accepted = 0;
  cuts = 0;
  peakOpen = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.relay(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return `https://127.0.0.1:${this.port}`;
  }

  get openConnections(): number {
    return this.open.size;
  }

  private relay(client: net.Socket): void {
    this.accepted += 1;
    const upstream = net.connect(this.target);
    const pair = { client, upstream };
    this.open.add(pair);
    this.peakOpen = Math.max(this.peakOpen, this.open.size);
    const close = () => {
      this.open.delete(pair);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      const cut = this.cutPending;
      if (cut && chunk.length > 1) {
        // Half of what the server sent reaches the client, then the line goes dead.
        client.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => cut());
        return;
      }
      client.write(chunk);
    });
  }

  private resetAll(): void {
    this.cuts += 1;
    for (const { client, upstream } of [...this.open]) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    this.open.clear();
  }

  /** Cuts every connection: at the next chunk the server sends (truncating it), or after `fallbackMs` if none comes. */
  cutMidChunk(fallbackMs = 1_000): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), fallbackMs);
      const done = () => {
        if (this.cutPending !== done) return;
        this.cutPending = undefined;
        clearTimeout(timer);
        this.resetAll();
        resolve();
      };
      this.cutPending = done;
    });
  }

  async close(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
