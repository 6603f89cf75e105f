import type { Registry } from '../registry/genericRegistry';
import type { RbacAuthorizer } from '../authz/rbacAuthorizer';
import type { ContainerRuntime } from '../../kubelet/runtimeInterface';
import type { UserInfo } from '../authn/tokenAuthenticator';
import type { ResourceStrategy } from '../registry/strategy';
import type { ResourceRequest } from './requestInfo';

/** What every HTTP handler of the API server works with. */
export interface ApiContext {
  registry: Registry;
  authorizer: RbacAuthorizer;
  /** The kubelet's runtime once it runs (exec, logs, proxy); undefined without a kubelet. */
  runtime(): ContainerRuntime | undefined;
  /** How often a watch that allows bookmarks gets one. */
  bookmarkIntervalMs: number;
  /** The address clients reach the server on (for discovery's serverAddressByClientCIDRs). */
  serverAddress(): string;
  /** The key that signs ServiceAccount tokens (TokenRequest API); the authenticator checks with it. */
  serviceAccountSigningKey: Buffer;
  log(message: string): void;
}

/** One resource request, resolved: who asks, for what, and the strategy of the resource. */
export interface ResolvedRequest {
  info: ResourceRequest;
  url: URL;
  user: UserInfo;
  strategy: ResourceStrategy;
  /** The namespace for namespaced resources ('' = all namespaces), undefined for cluster-scoped ones. */
  namespace: string | undefined;
}
