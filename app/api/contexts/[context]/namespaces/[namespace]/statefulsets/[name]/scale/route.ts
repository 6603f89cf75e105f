import { actionRoute } from '@/lib/http/actionRoute';
import { scaleBody } from '@/lib/http/schemas';
import { scaleStatefulSet } from '@/lib/k8s/actions/statefulSetActions';

export const dynamic = 'force-dynamic';

export const POST = actionRoute('name', 'name', scaleBody, (target, body) => scaleStatefulSet(target, body.replicas));
