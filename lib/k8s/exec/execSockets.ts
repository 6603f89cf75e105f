import https from 'node:https';
import { Exec, type KubeConfig } from '@kubernetes/client-node';
// Not re-exported by the package index; Exec accepts it as its connection factory.
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import WebSocket from 'ws';
import { connectionFingerprint } from '../connections/contextSource';

/**
 * client-node opens every exec WebSocket with a fresh https.Agent, so each one pays a full TLS
 * handshake. Reading 30 pods' visits every 2 s is 30 handshakes every 2 s: one shared Agent per
 * connection (same CA, client certificate and server) lets TLS resume its session instead.
 */
const key = Symbol.for('sts-explorer.execAgents');

function agents(): Map<string, https.Agent> {
  const holder = globalThis as unknown as Record<symbol, Map<string, https.Agent> | undefined>;
  holder[key] ??= new Map();
  return holder[key];
}

function sharedAgent(id: string, template: unknown): https.Agent | undefined {
  if (!(template instanceof https.Agent)) return undefined;
  let agent = agents().get(id);
  if (!agent) {
    agent = new https.Agent({ ...template.options, keepAlive: false, maxCachedSessions: 256 });
    agents().set(id, agent);
  }
  return agent;
}

/** An Exec whose WebSockets share one TLS session cache per cluster connection. */
export function execFor(kc: KubeConfig): Exec {
  const id = `${connectionFingerprint(kc)}|${(kc.getCurrentCluster()?.caData ?? kc.getCurrentCluster()?.caFile ?? '').slice(-32)}`;
  const handler = new WebSocketHandler(kc, (uri: string, protocols: string[], opts: WebSocket.ClientOptions) => {
    const agent = sharedAgent(id, opts.agent);
    return new WebSocket(uri, protocols, agent ? { ...opts, agent } : opts) as unknown as ReturnType<NonNullable<WebSocketHandler['socketFactory']>>;
  });
  return new Exec(kc, handler);
}
