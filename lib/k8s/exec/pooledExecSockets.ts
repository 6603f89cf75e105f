import { createHash } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { Exec, type KubeConfig } from '@kubernetes/client-node';
import WebSocket from 'ws';

/**
 * client-node's own exec connector builds a new https.Agent for every WebSocket, so every exec pays
 * a full TLS handshake. The visits sampler runs one exec per pod every 2 s; this connector shares
 * one Agent (same CA, client certificate, server) per cluster connection so TLS sessions resume,
 * and one TLS SecureContext: given the CA, certificate and key as options, Node parses them again
 * for every connection (a CPU profile of the dashboard at 1,000 pods showed it among its largest costs).
 * It speaks the same channel protocols and hands frames to Exec exactly as client-node does.
 */
type Connector = NonNullable<ConstructorParameters<typeof Exec>[1]>;
type ClientSocket = Awaited<ReturnType<Connector['connect']>>;

const channelProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
const key = Symbol.for('sts-explorer.execAgents');

interface ClusterTls {
  agent: https.Agent;
  secureContext: tls.SecureContext;
}

function pools(): Map<string, ClusterTls> {
  const holder = globalThis as unknown as Record<symbol, Map<string, ClusterTls> | undefined>;
  holder[key] ??= new Map();
  return holder[key];
}

/** The options that make up a TLS SecureContext; they travel in `secureContext` instead. */
const contextOptions = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'crl', 'ciphers', 'ecdhCurve', 'honorCipherOrder'] as const;

/**
 * What a pool is shared by: the server and every TLS setting as loaded (CA, client certificate and
 * key, verification, server name). Two contexts that differ in any of them never share a TLS context
 * or a resumable session, so a session verified with one CA is never resumed under another.
 */
function tlsIdentity(server: string, agentOptions: Record<string, unknown>): string {
  const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : (value ?? null));
  const material = [server, ...contextOptions.map((name) => text(agentOptions[name])), text(agentOptions.rejectUnauthorized), text(agentOptions.servername)];
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

function pooledConnector(kc: KubeConfig): Connector {
  const cluster = kc.getCurrentCluster();
  return {
    async connect(path, _textHandler, binaryHandler) {
      if (!cluster) throw new Error('No cluster is defined.');
      const options: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(options);
      // client-node puts the loaded TLS settings on the Agent it makes for each request.
      const agentOptions: Record<string, unknown> | undefined = options.agent instanceof https.Agent ? { ...options.agent.options } : undefined;
      const id = tlsIdentity(cluster.server, agentOptions ?? {});
      let pool = pools().get(id);
      if (!pool && agentOptions) {
        const secureContext = tls.createSecureContext(Object.fromEntries(contextOptions.filter((name) => agentOptions[name] !== undefined).map((name) => [name, agentOptions[name]])));
        for (const name of contextOptions) delete agentOptions[name];
        pool = { agent: new https.Agent({ ...agentOptions, keepAlive: false, maxCachedSessions: 256, secureContext }), secureContext };
        pools().set(id, pool);
      }
      const socketOptions: Record<string, unknown> = { ...options };
      if (pool) {
        for (const name of contextOptions) delete socketOptions[name];
        Object.assign(socketOptions, { agent: pool.agent, secureContext: pool.secureContext });
      }
      const uri = `${cluster.server.replace(/^http/, 'ws')}${path}`;
      return new Promise<ClientSocket>((resolve, reject) => {
        const socket = new WebSocket(uri, channelProtocols, socketOptions as WebSocket.ClientOptions);
        let opened = false;
        socket.on('open', () => {
          opened = true;
          resolve(socket as unknown as ClientSocket);
        });
        socket.on('error', (error) => {
          if (!opened) reject(error);
        });
        socket.on('message', (data, isBinary) => {
          if (!isBinary || !binaryHandler) return;
          const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
          // 255 announces a closed stream (protocol v5); nothing to forward for a read.
          if (buffer.length === 0 || buffer.readUInt8(0) === 255) return;
          try {
            if (!binaryHandler(buffer.readUInt8(0), buffer.subarray(1))) socket.close();
          } catch {
            socket.close();
          }
        });
      });
    },
  };
}

/** An Exec for reading files from pods, with TLS session reuse. */
export function pooledExec(kc: KubeConfig): Exec {
  return new Exec(kc, pooledConnector(kc));
}
