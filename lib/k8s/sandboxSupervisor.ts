import { startSandboxProcess, type SandboxHandle } from './sandboxProcess';

/**
 * Keeps the sandbox cluster running for the dashboard's lifetime: when its process dies unexpectedly
 * (a crash, an OOM kill, someone's `kill -9`), it is started again on the same port and directory,
 * with a growing pause between attempts. The dashboard shows "reconnecting" meanwhile and its caches
 * resume from the restarted API server, as they would after a real control-plane restart.
 */
export interface SandboxSupervisor {
  readonly first: SandboxHandle;
  stop(): Promise<void>;
}

export async function superviseSandbox(options: { root: string; env: Record<string, string | undefined>; log?: (line: string) => void }): Promise<SandboxSupervisor> {
  const log = options.log ?? ((line: string) => console.log(`[sandbox] ${line}`));
  const first = await startSandboxProcess({ root: options.root, env: options.env });
  // Restarts keep the port the first start got (SANDBOX_PORT=0 picks one), so the kubeconfig stays valid.
  const port = new URL(first.server).port;
  let current = first;
  let stopping = false;
  let failures = 0;

  const watch = (handle: SandboxHandle) => {
    handle.child.once('exit', (code, signal) => {
      if (stopping) return;
      const pauseMs = Math.min(30_000, 1000 * 2 ** failures);
      log(`the sandbox stopped unexpectedly (code ${code}, signal ${signal}); starting it again in ${pauseMs / 1000} s`);
      setTimeout(() => void restart(), pauseMs);
    });
  };

  const restart = async () => {
    if (stopping) return;
    try {
      current = await startSandboxProcess({ root: options.root, env: { ...options.env, SANDBOX_PORT: port } });
      failures = 0;
      log(`the sandbox is running again on ${current.server}`);
      watch(current);
    } catch (error) {
      failures += 1;
      const pauseMs = Math.min(30_000, 1000 * 2 ** failures);
      log(`the sandbox could not start again (${error instanceof Error ? error.message : String(error)}); next try in ${pauseMs / 1000} s`);
      setTimeout(() => void restart(), pauseMs);
    }
  };

  watch(first);
  return {
    first,
    async stop() {
      stopping = true;
      await current.stop();
    },
  };
}
