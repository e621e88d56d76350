import { z } from 'zod/mini';
import { ROLES } from './policy';

// The administrator's second-factor settings (issue #20), apart from mfa.ts so that the sign-in screen's chunk holds
// the sign-in exchange alone and the admin screen's these.

/**
 * The roles whose local accounts need a second factor, and step-up: revealing an identifier or opening a full result
 * needs a sign-in no older than this many minutes (0: no such limit). Admin settings.
 */
export const mfaSettingsSchema = z.object({
  requiredRoles: z.array(z.enum(ROLES)),
  stepUpMinutes: z.number().check(z.int(), z.gte(0), z.lte(1440)),
});
export type MfaSettings = z.infer<typeof mfaSettingsSchema>;
export const mfaSettingsUpdateSchema = z.strictObject(z.partial(mfaSettingsSchema).shape);
