import { AppsV1Api, CoreV1Api, type KubeConfig, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';

/** The resource kinds the shared cache watches per namespace, with their list call and watch path. */
export const cachedKinds = ['statefulsets', 'pods', 'services', 'endpoints', 'persistentvolumeclaims', 'controllerrevisions', 'events'] as const;
export type CachedKind = (typeof cachedKinds)[number];

export interface KindAccess {
  path(namespace: string): string;
  list(kc: KubeConfig, namespace: string): Promise<KubernetesListObject<KubernetesObject>>;
}

const ns = (namespace: string) => encodeURIComponent(namespace);

export const kindAccess: Record<CachedKind, KindAccess> = {
  statefulsets: {
    path: (namespace) => `/apis/apps/v1/namespaces/${ns(namespace)}/statefulsets`,
    list: (kc, namespace) => kc.makeApiClient(AppsV1Api).listNamespacedStatefulSet({ namespace }),
  },
  controllerrevisions: {
    path: (namespace) => `/apis/apps/v1/namespaces/${ns(namespace)}/controllerrevisions`,
    list: (kc, namespace) => kc.makeApiClient(AppsV1Api).listNamespacedControllerRevision({ namespace }),
  },
  pods: {
    path: (namespace) => `/api/v1/namespaces/${ns(namespace)}/pods`,
    list: (kc, namespace) => kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace }),
  },
  services: {
    path: (namespace) => `/api/v1/namespaces/${ns(namespace)}/services`,
    list: (kc, namespace) => kc.makeApiClient(CoreV1Api).listNamespacedService({ namespace }),
  },
  endpoints: {
    path: (namespace) => `/api/v1/namespaces/${ns(namespace)}/endpoints`,
    list: (kc, namespace) => kc.makeApiClient(CoreV1Api).listNamespacedEndpoints({ namespace }),
  },
  persistentvolumeclaims: {
    path: (namespace) => `/api/v1/namespaces/${ns(namespace)}/persistentvolumeclaims`,
    list: (kc, namespace) => kc.makeApiClient(CoreV1Api).listNamespacedPersistentVolumeClaim({ namespace }),
  },
  events: {
    path: (namespace) => `/api/v1/namespaces/${ns(namespace)}/events`,
    list: (kc, namespace) => kc.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace }),
  },
};
