import type { CoreV1Event, V1ControllerRevision, V1Endpoints, V1PersistentVolumeClaim, V1Pod, V1Service, V1StatefulSet } from '@kubernetes/client-node';

/** Everything the cache holds for one namespace: what the view builders read. */
export interface NamespaceObjects {
  statefulsets: readonly V1StatefulSet[];
  pods: readonly V1Pod[];
  services: readonly V1Service[];
  endpoints: readonly V1Endpoints[];
  persistentvolumeclaims: readonly V1PersistentVolumeClaim[];
  controllerrevisions: readonly V1ControllerRevision[];
  events: readonly CoreV1Event[];
}
