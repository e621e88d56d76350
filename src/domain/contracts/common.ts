import { z } from 'zod/mini';

// Path parameters shared by the route contracts.

export const id = z.string().check(z.minLength(1), z.maxLength(200));
export const serial = z.coerce.number().check(z.int(), z.positive(), z.lte(2_147_483_647));
export const processParams = z.object({ processId: id });
export const dossierParams = z.object({ dossierId: id });
