import { handleErrors } from '@/lib/http/routeHandler';
import { jsonResponse, HttpError } from '@/lib/http/httpError';
import { listContexts } from '@/lib/k8s/connections/listContexts';
import { redactSecrets } from '@/lib/http/redact';
import { isReadOnly } from '@/lib/http/readOnly';

export const dynamic = 'force-dynamic';

export const GET = handleErrors(async () => {
  try {
    // readOnly: the header shows the read-only badge on every page (added for the UI, issue 6).
    return jsonResponse({ ...listContexts(), readOnly: isReadOnly() });
  } catch (error) {
    throw new HttpError(500, 'Could not read the cluster configuration', redactSecrets(error instanceof Error ? error.message : String(error)));
  }
});
