import { resources } from '../apiserver/registry/clusterClient';
import type { RunningComponent, SandboxContext } from '../context';
import type { Endpoints, Service } from '../controllers/apiTypes';
import { ServiceProxy, serviceKeyOf } from './serviceProxy';

/** Starts the sandbox's kube-proxy: listeners follow Services, connection clean-up follows Endpoints. */
export async function startServiceProxy(ctx: SandboxContext): Promise<RunningComponent> {
  const proxy = new ServiceProxy(ctx);
  const stopServices = ctx.client.watch<Service>(resources.services, undefined, '', (event) => {
    if (event.type === 'ADDED' || event.type === 'MODIFIED') void proxy.reconcile(serviceKeyOf(event.object), event.object);
    else if (event.type === 'DELETED') void proxy.reconcile(serviceKeyOf(event.object), undefined);
  });
  const stopEndpoints = ctx.client.watch<Endpoints>(resources.endpoints, undefined, '', (event) => {
    if (event.type === 'MODIFIED' || event.type === 'ADDED') proxy.onEndpoints(serviceKeyOf(event.object), event.object);
    else if (event.type === 'DELETED') proxy.onEndpoints(serviceKeyOf(event.object), undefined);
  });
  return {
    async stop() {
      stopServices();
      stopEndpoints();
      await proxy.stop();
    },
  };
}
