import { randomUUID } from 'node:crypto';
import { resources } from '../../apiserver/registry/clusterClient';
import type { SandboxContext } from '../../context';
import { newNode, nodeName, nodeStatus, pulledImagesOf, type NodeObject } from './nodeObject';

const heartbeatMs = 10_000;

/**
 * Registers the node and keeps its Ready condition fresh: without leases, a status update every
 * 10 s (only lastHeartbeatTime and the image list change), which is one small write.
 */
export class NodeRegistration {
  private timer: NodeJS.Timeout | undefined;
  private readonly bootId = randomUUID();
  readonly pulledImages: Set<string>;

  constructor(private readonly ctx: SandboxContext) {
    this.pulledImages = pulledImagesOf(ctx.client.get<NodeObject>(resources.nodes, undefined, nodeName));
  }

  async register(): Promise<void> {
    let node = this.ctx.client.get<NodeObject>(resources.nodes, undefined, nodeName);
    if (!node) node = await this.ctx.client.create<NodeObject>(resources.nodes, newNode());
    await this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat(), heartbeatMs);
    this.timer.unref?.();
  }

  async heartbeat(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const node = this.ctx.client.get<NodeObject>(resources.nodes, undefined, nodeName);
      if (!node) return;
      try {
        await this.ctx.client.updateStatus<NodeObject>(resources.nodes, { ...node, status: { ...node.status, ...nodeStatus(node.status, this.pulledImages, this.bootId) } });
        return;
      } catch (error) {
        if ((error as { code?: number }).code !== 409) {
          this.ctx.log('kubelet', `node status update failed: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
      }
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
