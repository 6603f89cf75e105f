import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { KubeConfig } from '@kubernetes/client-node';
import { WebSocketServer } from 'ws';
import { loadOrCreateCertificates } from '../../../sandbox/apiserver/authn/certificates';
import { execCollect } from './execCollect';

/**
 * The pooled exec connector against a TLS server that asks for a client certificate, as kind's and
 * minikube's API servers do: the connector must verify the server with the kubeconfig's CA, present
 * the kubeconfig's certificate, and keep doing both when the shared TLS context is reused.
 */
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('pooled exec sockets', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sts-pooled-exec-'));
  const pki = loadOrCreateCertificates(dir);
  const otherPki = loadOrCreateCertificates(mkdtempSync(path.join(os.tmpdir(), 'sts-pooled-exec-other-')));
  const clientSubjects: string[] = [];
  let server: https.Server;
  let port = 0;

  beforeAll(async () => {
    server = https.createServer({ ca: pki.caPem, cert: pki.certPem, key: pki.keyPem, requestCert: true, rejectUnauthorized: false });
    const sockets = new WebSocketServer({ server });
    sockets.on('connection', (socket, request) => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      clientSubjects.push(peer && peer.subject ? String(peer.subject.CN) : 'none');
      // stdout "7", then the v5 status frame: what the API server sends for `cat` of a counter.
      socket.send(Buffer.concat([Buffer.from([1]), Buffer.from('7\n')]));
      socket.send(Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify({ status: 'Success' }))]));
      socket.close();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function kubeConfig(caPem: string): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'kind', server: `https://127.0.0.1:${port}`, caData: base64(caPem) }],
      users: [{ name: 'kind-admin', certData: base64(pki.certPem), keyData: base64(pki.keyPem) }],
      contexts: [{ name: 'kind', cluster: 'kind', user: 'kind-admin' }],
      currentContext: 'kind',
    });
    return kc;
  }

  it('presents the client certificate on every exec, the shared TLS context included', async () => {
    const kc = kubeConfig(pki.caPem);
    for (let round = 0; round < 3; round += 1) {
      const result = await execCollect(kc, 'default', 'web-0', 'app', ['cat', 'data/visits.txt'], { timeoutMs: 5000 });
      expect(result.stdout).toBe('7\n');
    }
    expect(clientSubjects).toHaveLength(3);
    expect(new Set(clientSubjects).size).toBe(1);
    expect(clientSubjects[0]).not.toBe('none');
  });

  it('refuses a server its CA did not sign', async () => {
    const kc = kubeConfig(otherPki.caPem);
    await expect(execCollect(kc, 'default', 'web-0', 'app', ['cat', 'data/visits.txt'], { timeoutMs: 5000 })).rejects.toThrow(/certificate|self.signed|verify/i);
  });
});
