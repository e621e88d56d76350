import { z } from 'zod';

// The Get process response (contract §4). Tolerant by design: unknown fields, providers and enum values pass
// through so they can be shown as "not recognised"; only the fields every response has are required.
export const processSchema = z.looseObject({
  processId: z.string().min(1),
  provider: z.string().min(1),
  status: z.string().min(1),
  processType: z.string().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  providerSpecific: z.record(z.string(), z.unknown()).optional(),
  finalResult: z.record(z.string(), z.unknown()).optional(),
  failReason: z.string().optional(),
});
export type AssureProcess = z.infer<typeof processSchema>;
