import { memo } from 'react';
import type { EndpointView, ServiceView } from '@/lib/k8s/viewModels';
import { Badge } from '@/components/ui/Badge';
import { focusRing } from '@/components/ui/Button';
import { DefinitionList } from '@/components/ui/DefinitionList';
import { Panel } from '@/components/ui/Panel';
import { Empty } from '@/components/ui/StateMessage';

function endpointText(endpoint: EndpointView): string {
  return `${endpoint.ip}${endpoint.ports.length ? `:${endpoint.ports.map((port) => port.port).join(',')}` : ''}${endpoint.pod ? ` (${endpoint.pod})` : ''}`;
}

/** A URL the browser can open: a NodePort on the node's loopback-reachable address, when there is one. */
function openLink(service: ServiceView): string | null {
  const nodePort = service.ports.find((port) => port.nodePort)?.nodePort;
  if (nodePort && typeof window !== 'undefined' && ['127.0.0.1', 'localhost'].includes(window.location.hostname)) return `http://127.0.0.1:${nodePort}/`;
  return null;
}

function ServiceCard({ service }: { service: ServiceView }) {
  const link = openLink(service);
  return (
    <article aria-label={`Service ${service.name}`} className="rounded border border-slate-300 p-3 dark:border-slate-700" data-testid={`service-${service.name}`}>
      <h3 className="mb-2 font-mono font-semibold">
        {service.name} {service.headless ? <Badge>headless: gives each pod a DNS name</Badge> : null}
      </h3>
      <DefinitionList
        items={[
          ['Type', service.type],
          ['Cluster IP', service.clusterIP],
          ['External IP', service.externalIP === '<pending>' ? '<pending> (no load balancer in this cluster, as on minikube)' : service.externalIP],
          ['Ports', service.ports.map((port) => `${port.name ? `${port.name} ` : ''}${port.port}${port.nodePort ? `:${port.nodePort}` : ''}/${port.protocol} → ${port.targetPort}`).join(', ') || '<none>'],
          ['Session affinity', service.sessionAffinity],
          [
            'Ready endpoints',
            <span key="ready" data-testid="ready-endpoints">
              {service.readyEndpoints.length ? service.readyEndpoints.map(endpointText).join(', ') : '<none>'}
            </span>,
          ],
          ['Not ready', service.notReadyEndpoints.length ? service.notReadyEndpoints.map(endpointText).join(', ') : '<none>'],
        ]}
      />
      {link ? (
        <a href={link} target="_blank" rel="noreferrer" className={`mt-2 inline-block text-sm text-blue-800 underline dark:text-blue-300 ${focusRing}`}>
          Open {link} (like minikube service) ↗
        </a>
      ) : null}
    </article>
  );
}

function ServicePanelView({ services, serviceName }: { services: ServiceView[]; serviceName: string }) {
  return (
    <Panel id="service" title="Services">
      {services.length === 0 ? (
        <Empty>No Service selects this StatefulSet&apos;s pods{serviceName ? ` (its serviceName is ${serviceName}, which does not exist)` : ''}.</Empty>
      ) : (
        <div className="grid gap-3 lg:grid-cols-2">
          {services.map((service) => (
            <ServiceCard key={service.uid || service.name} service={service} />
          ))}
        </div>
      )}
    </Panel>
  );
}

/** Renders again only when its props change. */
export const ServicePanel = memo(ServicePanelView);
