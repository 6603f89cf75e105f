import { resources } from '../apiserver/registry/clusterClient';
import type { RunningComponent, SandboxContext } from '../context';
import type { Endpoints, Service } from '../controllers/apiTypes';
import { ServiceProxy, serviceKeyOf } from './serviceProxy';

/**
 * Starts the sandbox's kube-proxy on the main thread, next to the pods' in-process servers: an
 * accepted connection is handed to the chosen pod's server on the thread that owns it (the DNAT
 * equivalent), which a proxy on another thread could not do without a second connection.
 */
export async function startServiceProxy(ctx: SandboxContext): Promise<RunningComponent> {
  const proxy = new ServiceProxy({
    log: (component, message) => ctx.log(component, message),
    // Read per connection: main.ts may set these after the proxy started.
    resolvePodPort: (namespace, pod, port) => ctx.resolvePodPort?.(namespace, pod, port),
    connectionHandlerFor: (namespace, pod, port) => ctx.connectionHandlerFor?.(namespace, pod, port),
  });
  const stopServices = ctx.client.watch<Service>(resources.services, undefined, '', (event) => {
    if (event.type === 'ADDED' || event.type === 'MODIFIED') void proxy.reconcile(serviceKeyOf(event.object), event.object);
    else if (event.type === 'DELETED') void proxy.reconcile(serviceKeyOf(event.object), undefined);
  });
  const stopEndpoints = ctx.client.watch<Endpoints>(resources.endpoints, undefined, '', (event) => {
    if (event.type === 'ADDED' || event.type === 'MODIFIED') proxy.onEndpoints(serviceKeyOf(event.object), event.object);
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
