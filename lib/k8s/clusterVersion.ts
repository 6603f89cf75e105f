import { VersionApi, type KubeConfig } from '@kubernetes/client-node';

export interface ClusterVersion {
  context: string;
  server: string;
  gitVersion: string;
  platform: string;
}

/** Reads /version through client-node, as any client would. */
export async function readClusterVersion(kc: KubeConfig, context: string): Promise<ClusterVersion> {
  const scoped = new (kc.constructor as new () => KubeConfig)();
  scoped.loadFromString(kc.exportConfig());
  scoped.setCurrentContext(context);
  const info = await scoped.makeApiClient(VersionApi).getCode();
  return { context, server: scoped.getCurrentCluster()?.server ?? '', gitVersion: info.gitVersion, platform: info.platform };
}
