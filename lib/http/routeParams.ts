import { requireContextName, requireNamespace, requireObjectName } from './names';

/** Next.js hands over decoded params in recent versions and encoded ones in older: decode once, tolerating a literal '%'. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Route parameters, validated before they reach any URL. */
export interface NamespaceParams {
  context: string;
  namespace: string;
}

export async function namespaceParams(params: Promise<{ context: string; namespace: string }>): Promise<NamespaceParams> {
  const raw = await params;
  return { context: requireContextName(decoded(raw.context)), namespace: requireNamespace(decoded(raw.namespace)) };
}

export async function objectParams<K extends string>(params: Promise<{ context: string; namespace: string } & Record<K, string>>, key: K, field: string = key): Promise<NamespaceParams & { name: string }> {
  const raw = await params;
  return {
    context: requireContextName(decoded(raw.context)),
    namespace: requireNamespace(decoded(raw.namespace)),
    name: requireObjectName(decoded(raw[key]), field),
  };
}
