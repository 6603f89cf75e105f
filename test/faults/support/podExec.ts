import { Writable } from 'node:stream';
import { Exec, type KubeConfig } from '@kubernetes/client-node';

export interface ExecOutput {
  stdout: string;
  stderr: string;
  /** "Success" or "Failure", as the API server's final status frame says. */
  status: string;
  message?: string;
}

function collector(sink: { text: string }): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      sink.text += chunk.toString('utf8');
      done();
    },
  });
}

/** Runs a command in a container through the API server's exec subresource (client-node's WebSocket), like `kubectl exec`. */
export async function execInPod(kc: KubeConfig, namespace: string, pod: string, container: string, command: string[], timeoutMs = 30_000): Promise<ExecOutput> {
  const out = { text: '' };
  const err = { text: '' };
  return new Promise<ExecOutput>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`exec ${command.join(' ')} in ${pod} timed out`)), timeoutMs);
    new Exec(kc)
      .exec(namespace, pod, container, command, collector(out), collector(err), null, false, (status) => {
        clearTimeout(timer);
        // The status frame comes after the output frames on the same socket.
        setImmediate(() => resolve({ stdout: out.text, stderr: err.text, status: status.status ?? 'Unknown', message: status.message }));
      })
      .then((socket) => {
        socket.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      }, (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
  });
}

/** A pod's visits counter: `cat data/visits.txt` in the container, as the seed reads it. */
export async function readVisitsCount(kc: KubeConfig, namespace: string, pod: string, container: string): Promise<number> {
  const result = await execInPod(kc, namespace, pod, container, ['cat', 'data/visits.txt']);
  if (result.status !== 'Success') throw new Error(`cat data/visits.txt in ${pod} failed: ${result.message ?? result.stderr}`);
  const count = Number(result.stdout.trim() || '0');
  if (!Number.isInteger(count)) throw new Error(`${pod}'s visits.txt holds "${result.stdout.trim()}", not a count`);
  return count;
}
