import { availableImageNames, normalizeImageReference } from '../../images/catalogue';
import type { Container } from '../podTypes';

/** The kubelet's default pull policy: Always for `:latest` (or no tag), IfNotPresent otherwise. */
export function pullPolicy(container: Container): 'Always' | 'IfNotPresent' | 'Never' {
  if (container.imagePullPolicy) return container.imagePullPolicy;
  return normalizeImageReference(container.image).endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

/** A Go time.Duration as the Pulled event prints it: "612ms", "1.234s". */
export function goDuration(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))}ms` : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

/** containerd's answer for an image the registry does not have, plus the list of images the sandbox can run. */
export function imageNotFoundReason(image: string): string {
  const reference = normalizeImageReference(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found (the sandbox can run only these images: ${availableImageNames().join(', ')})`;
}
