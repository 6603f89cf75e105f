import { actionRoute } from '@/lib/http/actionRoute';
import { updateStrategyBody } from '@/lib/http/schemas';
import { setUpdateStrategy } from '@/lib/k8s/actions/statefulSetActions';

export const dynamic = 'force-dynamic';

export const POST = actionRoute('name', 'name', updateStrategyBody, setUpdateStrategy);
