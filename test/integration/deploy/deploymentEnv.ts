/**
 * The environment the shipped Deployment gives the dashboard's container, read from what
 * `kubectl kustomize manifests/dashboard` builds, with the token Secret's value filled in: so that
 * the tests start the dashboard exactly as the Deployment does.
 */
import { kustomize, find } from './kubectl';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

export async function deploymentEnvironment(secrets: Record<string, string>, dir = 'manifests/dashboard'): Promise<Record<string, string>> {
  const deployment = find(await kustomize(dir), 'Deployment', 'sts-explorer', 'sts-explorer') as { spec?: { template?: { spec?: { containers?: { env?: EnvVar[] }[] } } } };
  const env: Record<string, string> = {};
  for (const variable of deployment.spec?.template?.spec?.containers?.[0]?.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.valueFrom?.secretKeyRef) {
      const { name, key } = variable.valueFrom.secretKeyRef;
      const value = secrets[`${name}/${key}`];
      if (value === undefined) throw new Error(`the Deployment reads ${name}/${key}, which the test did not provide`);
      env[variable.name] = value;
    } else throw new Error(`the Deployment sets ${variable.name} in a way the test does not reproduce`);
  }
  return env;
}
