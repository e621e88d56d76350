export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
/** The test OpenID Provider of e2e/oidc.spec.ts (issue #20). */
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? E2E_SANDBOX_PORT + 1);
