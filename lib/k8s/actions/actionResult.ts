/**
 * What every action answers: a sentence for the UI's toast and the API server's returned object
 * (minus managedFields). The new state itself arrives through the stream.
 */
export interface ActionResult {
  message: string;
  result: unknown;
}

export function withoutManagedFields<T>(object: T): unknown {
  const plain = JSON.parse(JSON.stringify(object ?? null)) as { metadata?: { managedFields?: unknown } } | null;
  if (plain?.metadata) delete plain.metadata.managedFields;
  return plain;
}
