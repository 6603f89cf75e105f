import type { LabelSelector } from './apiTypes';

/** Whether labels satisfy a metav1.LabelSelector. An empty selector matches everything, as in Kubernetes. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (have[key] !== value) return false;
  for (const requirement of selector.matchExpressions ?? []) {
    const present = Object.hasOwn(have, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!present || !values.includes(have[requirement.key])) return false;
        break;
      case 'NotIn':
        if (present && values.includes(have[requirement.key])) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A Service's plain map selector: every pair must match; an empty map selects nothing (Services without selectors are unmanaged). */
export function mapSelectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  return Object.entries(selector).every(([key, value]) => have[key] === value);
}
