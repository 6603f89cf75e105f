import type { RunningComponent, SandboxContext } from '../context';
import { startEndpointsController } from './endpoints/endpointsController';
import { startStatefulSetController } from './statefulset/statefulSetController';
import { startVolumeProvisioner } from './volume/provisioner';

/**
 * The sandbox's kube-controller-manager (the part issue 4 owns): the StatefulSet controller, the
 * Endpoints/EndpointSlice controller and the volume provisioner with its binder. Each works only
 * through `ctx.client`, like the real ones through the API server.
 */
export async function startControllers(ctx: SandboxContext): Promise<RunningComponent> {
  const volumes = await startVolumeProvisioner(ctx);
  const endpoints = startEndpointsController(ctx);
  const statefulSets = startStatefulSetController(ctx);
  return {
    async stop() {
      await Promise.all([statefulSets.stop(), endpoints.stop(), volumes.stop()]);
    },
  };
}
