import { actionRoute } from '@/lib/http/actionRoute';
import { rollbackBody } from '@/lib/http/schemas';
import { rollbackStatefulSet } from '@/lib/k8s/actions/statefulSetActions';

export const dynamic = 'force-dynamic';

export const POST = actionRoute('name', 'name', rollbackBody, rollbackStatefulSet);
