import path from 'node:path';

/** The PV for a claim is named after the claim's uid, as external provisioners do. */
export function volumeNameFor(claimUid: string): string {
  return `pvc-${claimUid}`;
}

/** The directory behind a volume: `<SANDBOX_DIR>/volumes/<pv name>`. */
export function volumeDirectory(dataDir: string, volumeName: string): string {
  return path.join(dataDir, 'volumes', volumeName);
}

/** Only directories directly under the sandbox's volumes folder may ever be removed. */
export function isRemovableVolumeDirectory(dataDir: string, directory: string): boolean {
  const root = path.resolve(dataDir, 'volumes');
  const resolved = path.resolve(directory);
  return path.dirname(resolved) === root && /^pvc-[0-9a-z-]+$/.test(path.basename(resolved));
}
