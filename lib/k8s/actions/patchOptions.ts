import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

/** client-node 1.4 sends patches as JSON Patch unless told otherwise: name the strategy on each call. */
export const mergePatch = () => setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
export const jsonPatch = () => setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
