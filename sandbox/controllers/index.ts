import { resources } from '../apiserver/registry/clusterClient';
import type { RunningComponent, SandboxContext } from '../context';
import type { PersistentVolumeClaim, Pod } from './apiTypes';
import { startEndpointsController } from './endpoints/endpointsController';
import { ObjectCache } from './objectCache';
import { startTokensController } from './serviceaccounts/tokensController';
import { startStatefulSetController } from './statefulset/statefulSetController';
import { startVolumeProvisioner } from './volume/provisioner';

/**
 * The sandbox's kube-controller-manager (the part issue 4 owns): the StatefulSet controller, the
 * Endpoints/EndpointSlice controller and the volume provisioner with its binder. Each works only
 * through `ctx.client`, like the real ones through the API server; like kube-controller-manager's
 * shared informers, one pod cache serves both controllers that read pods.
 */
export async function startControllers(ctx: SandboxContext): Promise<RunningComponent> {
  const volumes = await startVolumeProvisioner(ctx);
  const pods = new ObjectCache<Pod>(ctx.client, resources.pods);
  const claims = new ObjectCache<PersistentVolumeClaim>(ctx.client, resources.persistentVolumeClaims);
  const endpoints = startEndpointsController(ctx, { pods });
  const statefulSets = startStatefulSetController(ctx, { pods, claims });
  const tokens = startTokensController(ctx);
  return {
    async stop() {
      await Promise.all([statefulSets.stop(), endpoints.stop(), volumes.stop(), tokens.stop()]);
      pods.stop();
      claims.stop();
    },
  };
}
