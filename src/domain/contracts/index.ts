import { ADMIN_API } from './admin';
import { OUTCOMES_API } from './outcomes';
import { PROCESS_DETAIL_API } from './process-detail';
import { PROCESS_API } from './processes';
import { PROVIDER_HEALTH_API } from './provider-health';
import { REVIEW_API } from './review';
import { SESSION_API } from './session';
import { SIGN_IN_API } from './sign-in';

// Every route of the API, declared once, by resource. The server cannot register a route that is not here
// (src/server/auth/guard.ts), the SPA calls these objects (src/web/lib/api-client.ts; features import only their
// resource's module, so a page's chunk carries only its own schemas), and GET /api/openapi.json lists them all.

export const API = {
  ...SESSION_API,
  ...SIGN_IN_API,
  ...PROCESS_API,
  ...PROCESS_DETAIL_API,
  ...REVIEW_API,
  ...OUTCOMES_API,
  ...PROVIDER_HEALTH_API,
  ...ADMIN_API,
} as const;
export {
  ADMIN_API,
  OUTCOMES_API,
  PROCESS_API,
  PROCESS_DETAIL_API,
  PROVIDER_HEALTH_API,
  REVIEW_API,
  SESSION_API,
  SIGN_IN_API,
};
export type { AuditQuery } from './admin';
