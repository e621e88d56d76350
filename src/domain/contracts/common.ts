import { z } from 'zod';

// Path parameters shared by the route contracts.

export const id = z.string().min(1).max(200);
export const serial = z.coerce.number().int().positive().max(2_147_483_647);
export const processParams = z.object({ processId: id });
export const dossierParams = z.object({ dossierId: id });
