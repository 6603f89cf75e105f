import { z } from 'zod';
import { dns1123LabelProblem, dns1123SubdomainProblem } from './names';
import { visitsPathProblem } from '../visits/visitsPath';

/** Request bodies of the dashboard's mutations. Each error names the field and the reason. */
const containerName = z.string().superRefine((value, ctx) => {
  const problem = dns1123LabelProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `container name ${problem}` });
});

const objectName = z.string().superRefine((value, ctx) => {
  const problem = dns1123SubdomainProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `name ${problem}` });
});

/** An image reference: registry/name[:tag][@digest], no spaces or shell characters. */
const imageReference = z
  .string()
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .regex(/^[a-z0-9][A-Za-z0-9._\-/:@]*$/, 'must be an image reference like "visits-app:2.0" or "registry.example.com/team/app:1.4" (no spaces)')

const partition = z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(1000, 'must be at most 1000');

export const scaleBody = z.strictObject({
  replicas: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(1000, 'must be at most 1000'),
});

export const restartBody = z.strictObject({});

export const imageBody = z.strictObject({
  container: containerName,
  image: imageReference,
  /** Canary: set the RollingUpdate partition in the same patch, so only ordinals >= partition update. */
  partition: partition.optional(),
});

export const updateStrategyBody = z
  .strictObject({
    type: z.enum(['RollingUpdate', 'OnDelete'], { error: 'must be "RollingUpdate" or "OnDelete"' }),
    partition: partition.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.type === 'OnDelete' && value.partition !== undefined) ctx.addIssue({ code: 'custom', path: ['partition'], message: 'only applies to RollingUpdate' });
  });

export const rollbackBody = z.strictObject({
  revision: z.union([z.number().int('must be a whole number').min(1, 'must be 1 or more'), objectName], { error: 'must be a revision number or a ControllerRevision name' }),
});

export const podManagementPolicyBody = z.strictObject({
  policy: z.enum(['OrderedReady', 'Parallel'], { error: 'must be "OrderedReady" or "Parallel"' }),
  /** The metadata.generation the user saw: the recreate is refused if the spec changed since (status updates do not count). */
  generation: z.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').optional(),
  /** Stricter: the exact resourceVersion the user saw (any change, status included, refuses). */
  resourceVersion: z.string().max(64).optional(),
});

const trafficPath = z
  .string()
  .max(1024, 'must be at most 1024 characters')
  .regex(/^\/[\x21-\x7e]*$/, 'must start with "/" and contain no spaces or control characters')
  .refine((value) => !value.split(/[/?#]/).includes('..'), 'must not contain ".."');

export const trafficBody = z.strictObject({
  requests: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(20_000, 'must be at most 20000'),
  concurrency: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(64, 'must be at most 64'),
  ratePerSecond: z.number({ error: 'must be a number' }).positive('must be more than 0').max(2000, 'must be at most 2000').optional(),
  path: trafficPath.default('/'),
  newConnectionPerRequest: z.boolean({ error: 'must be true or false' }).default(false),
});

export const visitsQuery = z.object({
  path: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const problem = value === undefined ? undefined : visitsPathProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});

export const logsQuery = z.object({
  container: containerName.optional(),
  tailLines: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').max(100_000, 'must be at most 100000').optional(),
  follow: z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional(),
  previous: z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).optional(),
});

export type ScaleBody = z.infer<typeof scaleBody>;
export type ImageBody = z.infer<typeof imageBody>;
export type UpdateStrategyBody = z.infer<typeof updateStrategyBody>;
export type RollbackBody = z.infer<typeof rollbackBody>;
export type PodManagementPolicyBody = z.infer<typeof podManagementPolicyBody>;
export type TrafficBody = z.infer<typeof trafficBody>;
