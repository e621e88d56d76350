import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginForm } from './login-form';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const RECOVERY = [
  'abcde-fghij',
  'kmnpq-rstuv',
  'wxyz2-34567',
  'a2b3c-d4e5f',
  'g6h7i-j8k9m',
  'n2p3q-r4s5t',
  'u6v7w-x8y9z',
  'aaaaa-bbbbb',
  'ccccc-ddddd',
  'eeeee-fffff',
];

/** The sign-in API at the HTTP level: a password answers a challenge (with enrolment or not), a code a session. */
function serve(opts: { enrol: boolean }) {
  const fetchMock = vi.fn(async (path: string, init?: RequestInit) => {
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, string>) : {};
    if (path === '/api/session' && init?.method === 'POST') {
      return json({
        mfaRequired: true,
        mfaToken: 'challenge-token',
        ...(opts.enrol
          ? {
              enrolment: {
                secret: SECRET,
                otpauthUrl: `otpauth://totp/Assure%20Desk:rita?secret=${SECRET}&issuer=Assure%20Desk`,
              },
            }
          : {}),
      });
    }
    if (path === '/api/session/mfa') {
      if (body.code !== '123456')
        return json({ error: { code: 'invalid_code', message: 'That code is not right.' } }, 401);
      return json({
        user: { username: 'rita', role: 'reviewer' },
        csrfToken: 'csrf-token-0123456789abc',
        demo: false,
        ...(opts.enrol ? { recoveryCodes: RECOVERY } : {}),
      });
    }
    return json({ error: { code: 'not_found', message: 'No such API route.' } }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderForm() {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const onSuccess = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <LoginForm demo={false} onSuccess={onSuccess} />
    </QueryClientProvider>,
  );
  return { onSuccess, client };
}

async function signInWithPassword() {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'rita' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a-long-password-1' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  return screen.findByLabelText('Code');
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('sign-in with a second factor', () => {
  it('asks for the code after the password, shows a wrong code as an error, and signs in with the right one', async () => {
    const fetchMock = serve({ enrol: false });
    const { onSuccess } = renderForm();
    const code = await signInWithPassword();
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
    fireEvent.change(code, { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'That code is not right.');
    expect(onSuccess).not.toHaveBeenCalled();
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledTimes(1));
    const sent = fetchMock.mock.calls
      .filter(([p]) => p === '/api/session/mfa')
      .map(([, init]) => JSON.parse(String(init!.body)));
    expect(sent.at(-1)).toEqual({ mfaToken: 'challenge-token', code: '123456' });
  });

  it('on enrolment shows the QR code and the secret, then the ten recovery codes once before going on', async () => {
    serve({ enrol: true });
    const { onSuccess, client } = renderForm();
    const code = await signInWithPassword();
    const qr = await screen.findByRole('img', { name: 'QR code to scan with your authenticator app' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByLabelText('Secret key').textContent).toBe(SECRET);
    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(RECOVERY);
    // Not signed in into the app until the user has seen them.
    expect(onSuccess).not.toHaveBeenCalled();
    expect(client.getQueryData(['session', 'current'])).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: /I have saved them/ }));
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(client.getQueryData(['session', 'current'])).toMatchObject({
      user: { username: 'rita', role: 'reviewer' },
    });
  });
});
