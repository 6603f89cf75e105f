import { holdFeed } from './feedRegistry';
import { StatefulSetListFeed } from './statefulSetListFeed';
import { StatefulSetDetailFeed } from './statefulSetDetailFeed';
import { kubeConfigFor } from '../connections/contextSource';

/** Shared feeds by context, namespace and name. Unknown contexts fail here with 404, before anything starts. */
export function holdListFeed(context: string, namespace: string) {
  kubeConfigFor(context);
  return holdFeed(`list\u0000${context}\u0000${namespace}`, () => new StatefulSetListFeed(context, namespace));
}

export function holdDetailFeed(context: string, namespace: string, name: string) {
  kubeConfigFor(context);
  return holdFeed(`detail\u0000${context}\u0000${namespace}\u0000${name}`, () => new StatefulSetDetailFeed(context, namespace, name));
}
