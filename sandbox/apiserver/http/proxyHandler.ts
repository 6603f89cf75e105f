import http from 'node:http';
import { ApiError, failure, notFound } from '../apiError';
import { resources } from '../registry/clusterClient';
import type { KubeObject } from '../../store/types';
import type { ApiContext, ResolvedRequest } from './apiContext';

/**
 * pods/proxy and services/proxy: forward an HTTP request to a pod's port, or to a ready endpoint of
 * a Service, and stream the answer back, as `kubectl proxy` users and the dashboard expect.
 * Names take the API's forms: `web-0`, `web-0:8080`; `svc`, `svc:http`, `http:svc:80`.
 */
interface Target {
  host: string;
  port: number;
}

function unavailable(message: string): ApiError {
  return new ApiError(failure(503, 'ServiceUnavailable', message));
}

function splitName(name: string): { scheme?: string; name: string; port?: string } {
  const parts = name.split(':');
  if (parts.length === 3) return { scheme: parts[0], name: parts[1], port: parts[2] };
  if (parts.length === 2) return { name: parts[0], port: parts[1] };
  return { name };
}

interface ContainerPort {
  containerPort?: number;
  name?: string;
}

function podPorts(pod: KubeObject): ContainerPort[] {
  const containers = ((pod.spec as { containers?: Array<{ ports?: ContainerPort[] }> } | undefined)?.containers ?? []);
  return containers.flatMap((container) => container.ports ?? []);
}

function podTarget(ctx: ApiContext, namespace: string, name: string, portText: string | undefined): Target {
  const pod = ctx.registry.get<KubeObject>(resources.pods, namespace, name);
  if (!pod) throw notFound(resources.pods, name);
  const ports = podPorts(pod);
  const port = portText === undefined ? ports[0]?.containerPort : /^\d+$/.test(portText) ? Number(portText) : ports.find((candidate) => candidate.name === portText)?.containerPort;
  if (!port) throw unavailable(`no port to proxy to on pod "${name}"; name one as ${name}:<port>`);
  const runtime = ctx.runtime();
  const resolved = runtime?.resolvePodPort(namespace, name, port);
  if (resolved) return resolved;
  const podIP = (pod.status as { podIP?: string } | undefined)?.podIP;
  if (!podIP) throw unavailable(`pod "${name}" has no IP address yet`);
  return { host: podIP, port };
}

interface ServicePort {
  name?: string;
  port?: number;
  targetPort?: number | string;
}

interface EndpointSubset {
  addresses?: Array<{ ip: string; targetRef?: { name?: string; namespace?: string } }>;
  ports?: Array<{ name?: string; port: number }>;
}

function serviceTarget(ctx: ApiContext, namespace: string, name: string, portText: string | undefined): Target {
  const service = ctx.registry.get<KubeObject>(resources.services, namespace, name);
  if (!service) throw notFound(resources.services, name);
  const ports = ((service.spec as { ports?: ServicePort[] } | undefined)?.ports ?? []);
  const servicePort = portText === undefined ? ports[0] : ports.find((port) => port.name === portText || String(port.port) === portText);
  if (!servicePort) throw unavailable(`no service port "${portText ?? ''}" found for service "${name}"`);
  const endpoints = ctx.registry.get<KubeObject>(resources.endpoints, namespace, name);
  const candidates: Target[] = [];
  for (const subset of (endpoints?.subsets as EndpointSubset[] | undefined) ?? []) {
    const port = (subset.ports ?? []).find((candidate) => (servicePort.name ? candidate.name === servicePort.name : true)) ?? subset.ports?.[0];
    if (!port) continue;
    for (const address of subset.addresses ?? []) {
      const pod = address.targetRef?.name;
      const resolved = pod ? ctx.runtime()?.resolvePodPort(namespace, pod, port.port) : undefined;
      candidates.push(resolved ?? { host: address.ip, port: port.port });
    }
  }
  if (!candidates.length) throw unavailable(`no endpoints available for service "${name}"`);
  return candidates[Math.floor(Math.random() * candidates.length)];
}

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'authorization', 'host']);

export function serveProxy(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { name, port } = splitName(request.info.name);
  const namespace = request.namespace ?? 'default';
  const target = request.strategy.kind === 'Pod' ? podTarget(ctx, namespace, name, port) : serviceTarget(ctx, namespace, name, port);
  const path = `/${request.info.rest.map(encodeURIComponent).join('/')}${request.url.search}`;
  const headers: http.OutgoingHttpHeaders = {};
  for (const [key, value] of Object.entries(req.headers)) if (!hopByHop.has(key) && value !== undefined) headers[key] = value;
  return new Promise((resolve) => {
    const upstream = http.request({ host: target.host, port: target.port, method: req.method, path, headers, timeout: 30_000 }, (answer) => {
      const answerHeaders: http.OutgoingHttpHeaders = {};
      for (const [key, value] of Object.entries(answer.headers)) if (!hopByHop.has(key) && value !== undefined) answerHeaders[key] = value;
      res.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(res);
      answer.on('end', () => resolve());
      answer.on('error', () => {
        res.destroy();
        resolve();
      });
    });
    const fail = (message: string) => {
      if (!res.headersSent) {
        const body = JSON.stringify(failure(503, 'ServiceUnavailable', message));
        res.writeHead(503, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      } else res.destroy();
      resolve();
    };
    upstream.on('timeout', () => upstream.destroy(new Error('timed out')));
    upstream.on('error', (error) => fail(`error trying to reach ${request.strategy.kind === 'Pod' ? 'pod' : 'service'}: ${error.message}`));
    req.pipe(upstream);
  });
}
