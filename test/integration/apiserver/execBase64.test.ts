import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { waitFor } from '../../support/waitFor';

/**
 * pods/exec with the base64 subprotocols of wsstream (`base64.channel.k8s.io`,
 * `v4.base64.channel.k8s.io`), over a real WebSocket to a real sandbox, in a pod of a visits
 * StatefulSet: text frames whose first character is the channel digit, base64 data after it, in
 * both directions; the v4 status on channel 3 as a Status JSON.
 */
interface Session {
  protocol: string;
  frames: Array<{ binary: boolean; text: string }>;
  closeCode: number;
}

function decoded(session: Session, channel: string): string {
  return session.frames
    .filter((frame) => frame.text.startsWith(channel))
    .map((frame) => Buffer.from(frame.text.slice(1), 'base64').toString('utf8'))
    .join('');
}

describe('pods/exec over base64 WebSocket subprotocols', () => {
  let sandbox: TestSandbox;
  let token: string;
  let ca: Buffer;
  const pod = 'b64-0';

  function execSession(options: { command: string[]; protocols: string[]; stdin?: string[]; query?: string }): Promise<Session> {
    const query = options.command.map((arg) => `command=${encodeURIComponent(arg)}`).join('&');
    const url = `${sandbox.server.replace(/^https/, 'wss')}/api/v1/namespaces/default/pods/${pod}/exec?${query}&stdout=true&stderr=true${options.query ?? ''}`;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options.protocols, { ca, headers: { Authorization: `Bearer ${token}` } });
      const frames: Session['frames'] = [];
      socket.on('open', () => {
        for (const message of options.stdin ?? []) socket.send(message);
      });
      socket.on('message', (data, isBinary) => frames.push({ binary: isBinary, text: Buffer.from(data as Buffer).toString('latin1') }));
      socket.on('close', (code) => resolve({ protocol: socket.protocol, frames, closeCode: code }));
      socket.on('error', reject);
    });
  }

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_COMPONENTS: 'kubelet,scheduler,controllers' } });
    const kc = sandbox.kubeConfig();
    token = kc.getCurrentUser()?.token ?? '';
    ca = Buffer.from(kc.getCurrentCluster()?.caData ?? '', 'base64');
    await kc.makeApiClient(AppsV1Api).createNamespacedStatefulSet({
      namespace: 'default',
      body: {
        metadata: { name: 'b64' },
        spec: {
          replicas: 1,
          serviceName: 'b64',
          selector: { matchLabels: { app: 'b64' } },
          template: {
            metadata: { labels: { app: 'b64' } },
            spec: {
              terminationGracePeriodSeconds: 1,
              containers: [{ name: 'app', image: 'visits-app:1.0', ports: [{ name: 'http', containerPort: 8080 }], volumeMounts: [{ name: 'data', mountPath: '/app/data' }] }],
            },
          },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        },
      },
    });
    const core = kc.makeApiClient(CoreV1Api);
    await waitFor(`pod ${pod} to be Ready`, async () => {
      const current = await core.readNamespacedPod({ name: pod, namespace: 'default' });
      return current.status?.phase === 'Running' && (current.status.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True');
    });
  }, 120_000);

  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('streams stdout as base64 text frames and ends with a Success Status on channel 3 (v4.base64)', async () => {
    await execSession({ command: ['sh', '-c', 'echo 41 > data/visits.txt'], protocols: ['v4.base64.channel.k8s.io'] });
    const session = await execSession({ command: ['cat', 'data/visits.txt'], protocols: ['v4.base64.channel.k8s.io', 'v4.channel.k8s.io'] });
    expect(session.protocol).toBe('v4.base64.channel.k8s.io');
    expect(session.frames.length).toBeGreaterThan(0);
    expect(session.frames.every((frame) => !frame.binary && /^[0-4][A-Za-z0-9+/]*=*$/.test(frame.text))).toBe(true);
    expect(decoded(session, '1')).toBe('41\n');
    const status = session.frames.filter((frame) => frame.text.startsWith('3'));
    expect(status).toHaveLength(1);
    expect(JSON.parse(decoded(session, '3'))).toEqual({ metadata: {}, status: 'Success' });
    expect(session.frames.at(-1)?.text.startsWith('3')).toBe(true);
    expect(session.closeCode).toBe(1000);
  });

  it('takes stdin as base64 on channel 0 and reports a non-zero exit as a Failure Status', async () => {
    const stdin = ['0' + Buffer.from('echo from-stdin\n').toString('base64'), '0' + Buffer.from('echo oops >&2; exit 3\n').toString('base64')];
    const session = await execSession({ command: ['sh'], protocols: ['v4.base64.channel.k8s.io'], stdin, query: '&stdin=true' });
    expect(decoded(session, '1')).toBe('from-stdin\n');
    expect(decoded(session, '2')).toBe('oops\n');
    expect(JSON.parse(decoded(session, '3'))).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('speaks base64.channel.k8s.io (v1): output in base64, no status on success, the error text on failure', async () => {
    const ok = await execSession({ command: ['echo', 'hello', 'base64'], protocols: ['base64.channel.k8s.io', 'channel.k8s.io'] });
    expect(ok.protocol).toBe('base64.channel.k8s.io');
    expect(decoded(ok, '1')).toBe('hello base64\n');
    expect(ok.frames.some((frame) => frame.text.startsWith('3'))).toBe(false);
    const failed = await execSession({ command: ['cat', 'missing.txt'], protocols: ['base64.channel.k8s.io'] });
    expect(decoded(failed, '2')).toContain("can't open 'missing.txt'");
    expect(decoded(failed, '3')).toContain('command terminated with non-zero exit code');
  });

  it("chooses by the client's order among the server's protocols, and v5 whenever offered", async () => {
    const binaryFirst = await execSession({ command: ['echo', 'x'], protocols: ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'] });
    expect(binaryFirst.protocol).toBe('v4.channel.k8s.io');
    expect(binaryFirst.frames.every((frame) => frame.binary)).toBe(true);
    const withV5 = await execSession({ command: ['echo', 'x'], protocols: ['v4.base64.channel.k8s.io', 'v5.channel.k8s.io'] });
    expect(withV5.protocol).toBe('v5.channel.k8s.io');
    expect(withV5.frames[0]).toMatchObject({ binary: true });
    await expect(execSession({ command: ['echo', 'x'], protocols: ['v6.base64.channel.k8s.io'] })).rejects.toThrow(/403/);
  });
});
