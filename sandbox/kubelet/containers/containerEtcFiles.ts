import type { Pod } from '../podTypes';

/** The files the runtime writes into every container: /etc/hostname, /etc/hosts, /etc/resolv.conf. */
export function containerEtcFiles(pod: Pod, hostname: string, podIP: string): Array<[string, string]> {
  const namespace = pod.metadata.namespace ?? 'default';
  const fqdn = pod.spec.subdomain ? `${hostname}.${pod.spec.subdomain}.${namespace}.svc.cluster.local\t` : '';
  return [
    ['/etc/hostname', `${hostname}\n`],
    ['/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n${podIP}\t${fqdn}${hostname}\n`],
    ['/etc/resolv.conf', `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 127.96.0.10\noptions ndots:5\n`],
  ];
}
