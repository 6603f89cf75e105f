import { actionRoute } from '@/lib/http/actionRoute';
import { podManagementPolicyBody } from '@/lib/http/schemas';
import { changePodManagementPolicy } from '@/lib/k8s/actions/podManagementPolicy';

export const dynamic = 'force-dynamic';

export const POST = actionRoute('name', 'name', podManagementPolicyBody, (target, body) => changePodManagementPolicy(target, body.policy, { generation: body.generation, resourceVersion: body.resourceVersion }));
