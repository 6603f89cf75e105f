import { badRequest, unsupportedMediaType } from '../apiError';
import { applyJsonPatch } from '../patch/jsonPatch';
import { applyMergePatch } from '../patch/mergePatch';
import { applyStrategicMergePatch } from '../patch/strategicMergePatch';
import { parseBody } from './requestBody';

/** Turns a PATCH body and its Content-Type into a function from the current object to the patched one. */
export function patchFunction(contentType: string, body: Buffer): (current: unknown) => unknown {
  switch (contentType) {
    case 'application/json-patch+json': {
      const patch = parseBody(body, 'json');
      return (current) => applyJsonPatch(current, patch);
    }
    case 'application/merge-patch+json': {
      const patch = parseBody(body, 'json');
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw badRequest('a merge patch must be a JSON object');
      return (current) => applyMergePatch(current, patch);
    }
    case 'application/strategic-merge-patch+json': {
      const patch = parseBody(body, 'json');
      return (current) => applyStrategicMergePatch(current, patch);
    }
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      throw unsupportedMediaType(
        'server-side apply is not supported by the sandbox cluster; use client-side apply instead (kubectl apply without --server-side)',
      );
    default:
      throw unsupportedMediaType(
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
      );
  }
}
