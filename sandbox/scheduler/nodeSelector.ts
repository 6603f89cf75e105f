import type { KubeObject } from '../store/types';

/**
 * The NodeAffinity filter for spec.nodeSelector on the one node: a pod that asks for labels the
 * node `sandbox` does not have stays Pending with kube-scheduler's message.
 */
export function nodeSelectorMismatch(pod: KubeObject & { spec?: { nodeSelector?: Record<string, string> } }, node: KubeObject): string | undefined {
  const wanted = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata.labels ?? {};
  const fits = Object.entries(wanted).every(([key, value]) => labels[key] === value);
  if (fits) return undefined;
  return "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
}
