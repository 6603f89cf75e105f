import type { KubeObject } from '../../store/types';

/** Read-only accessors for printers: absent fields read as empty, never throw. */

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

export function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(obj) : [];
}

export function str(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

export function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export function spec(object: KubeObject): Json {
  return obj(object.spec);
}

export function status(object: KubeObject): Json {
  return obj(object.status);
}

/** labels.FormatLabels: sorted key=value pairs joined by commas, "<none>" when empty. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(obj(labels)).map(([key, value]) => `${key}=${str(value)}`);
  entries.sort();
  return entries.length ? entries.join(',') : '<none>';
}

/** Container names and images joined by commas (layoutContainerCells). */
export function containerCells(podSpec: Json): [string, string] {
  const containers = list(podSpec.containers);
  return [containers.map((container) => str(container.name)).join(','), containers.map((container) => str(container.image)).join(',')];
}
