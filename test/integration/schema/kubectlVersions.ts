/** Real kubectl binaries of several minor versions, run without a shell against a sandbox kubeconfig. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export const kubectlDirectory = '/usr/lib/google-cloud-sdk/bin';

export function kubectlBinary(minor: number): string {
  return `${kubectlDirectory}/kubectl.1.${minor}`;
}

/** The minor versions of those asked for that are installed; prints why the others are skipped. */
export function installedKubectls(minors: number[]): number[] {
  const found = minors.filter((minor) => existsSync(kubectlBinary(minor)));
  for (const minor of minors.filter((candidate) => !found.includes(candidate))) {
    console.warn(`[schema tests] skipping kubectl 1.${minor}: not installed at ${kubectlBinary(minor)}`);
  }
  return found;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runKubectl(minor: number, kubeconfig: string, args: string[], input?: string): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(kubectlBinary(minor), ['--kubeconfig', kubeconfig, ...args], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** The header line of each table kubectl printed, split into column names. */
export function headers(output: string): string[][] {
  return output
    .split('\n')
    .filter((line) => ['NAME ', 'NAMESPACE ', 'LAST SEEN '].some((start) => line.startsWith(start)))
    .map((line) => line.trim().split(/\s{2,}/));
}
