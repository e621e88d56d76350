import { startTestOidcProvider } from '../test-support/oidc-provider';

// The OpenID Provider of the end-to-end single sign-on spec (e2e/oidc.spec.ts), on a fixed loopback port so the
// desk's OIDC_ISSUER can name it: one client (the desk), users whose groups the spec changes at POST /__test/groups.
const port = Number(process.env.OIDC_PORT);
const deskUrl = process.env.DESK_URL;
if (!port || !deskUrl) {
  console.error('OIDC_PORT and DESK_URL are required');
  process.exit(1);
}
// Its development-only warnings (in-memory adapter, dev login page) are what this provider is for: not repeated in
// every e2e run's output.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (!(typeof args[0] === 'string' && args[0].startsWith('oidc-provider WARNING'))) warn(...args);
};
const op = await startTestOidcProvider({
  port,
  clients: [
    {
      client_id: 'assure-desk',
      client_secret: 'e2e-desk-secret',
      redirect_uris: [`${deskUrl}/api/auth/oidc/callback`],
    },
  ],
  accounts: { rita: ['kyc-reviewers'], lead: ['kyc-leads'] },
});
console.log(`test OpenID Provider at ${op.issuer}`);
const stop = () => void op.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
