import https from 'node:https';
import { Exec, type KubeConfig } from '@kubernetes/client-node';
import WebSocket from 'ws';
import { connectionFingerprint } from '../connections/contextSource';

/**
 * client-node's own exec connector builds a new https.Agent for every WebSocket, so every exec pays
 * a full TLS handshake. The visits sampler runs one exec per pod every 2 s; this connector shares
 * one Agent (same CA, client certificate, server) per cluster connection so TLS sessions resume.
 * It speaks the same channel protocols and hands frames to Exec exactly as client-node does.
 */
type Connector = NonNullable<ConstructorParameters<typeof Exec>[1]>;
type ClientSocket = Awaited<ReturnType<Connector['connect']>>;

const channelProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
const key = Symbol.for('sts-explorer.execAgents');

function agents(): Map<string, https.Agent> {
  const holder = globalThis as unknown as Record<symbol, Map<string, https.Agent> | undefined>;
  holder[key] ??= new Map();
  return holder[key];
}

function pooledConnector(kc: KubeConfig): Connector {
  const cluster = kc.getCurrentCluster();
  const id = `${connectionFingerprint(kc)}|${(cluster?.caData ?? cluster?.caFile ?? '').slice(-32)}|${cluster?.skipTLSVerify ?? false}`;
  return {
    async connect(path, _textHandler, binaryHandler) {
      if (!cluster) throw new Error('No cluster is defined.');
      const options: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(options);
      let agent = agents().get(id);
      if (!agent && options.agent instanceof https.Agent) {
        agent = new https.Agent({ ...options.agent.options, keepAlive: false, maxCachedSessions: 256 });
        agents().set(id, agent);
      }
      const uri = `${cluster.server.replace(/^http/, 'ws')}${path}`;
      return new Promise<ClientSocket>((resolve, reject) => {
        const socket = new WebSocket(uri, channelProtocols, { ...(options as WebSocket.ClientOptions), ...(agent ? { agent } : {}) });
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
