import { actionRoute } from '@/lib/http/actionRoute';
import { restartBody } from '@/lib/http/schemas';
import { restartStatefulSet } from '@/lib/k8s/actions/statefulSetActions';

export const dynamic = 'force-dynamic';

export const POST = actionRoute('name', 'name', restartBody, (target) => restartStatefulSet(target));
