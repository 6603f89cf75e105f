import { actionRoute } from '@/lib/http/actionRoute';
import { imageBody } from '@/lib/http/schemas';
import { setImage } from '@/lib/k8s/actions/statefulSetActions';

export const dynamic = 'force-dynamic';

export const POST = actionRoute('name', 'name', imageBody, setImage);
