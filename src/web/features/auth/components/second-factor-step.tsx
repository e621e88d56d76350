import { lazy, Suspense, useState, type FormEvent } from 'react';
import type { MfaChallenge, MfaVerifyResponse } from '@domain/mfa';
import { useApplySession } from '../hooks/use-login';
import { useVerifySecondFactor } from '../hooks/use-verify-second-factor';

// The QR code library only for the few sign-ins that enrol, not in every sign-in page's bundle.
const EnrolmentQr = lazy(() => import('./enrolment-qr').then((m) => ({ default: m.EnrolmentQr })));

/**
 * The second step of a sign-in: the code from the authenticator app (or a recovery code). On a first sign-in the
 * user enrols: a QR code and the secret as text, then the recovery codes, shown this once before going on.
 */
export function SecondFactorStep({
  challenge,
  onSuccess,
  onCancel,
}: {
  challenge: MfaChallenge;
  onSuccess: () => void;
  onCancel: () => void;
}) {
  const verify = useVerifySecondFactor();
  const apply = useApplySession();
  const [code, setCode] = useState('');
  const [done, setDone] = useState<MfaVerifyResponse | null>(null);

  const finish = (answer: MfaVerifyResponse) => {
    apply({ user: answer.user, csrfToken: answer.csrfToken, demo: answer.demo });
    onSuccess();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (verify.isPending) return;
    verify.mutate(
      { mfaToken: challenge.mfaToken, code },
      { onSuccess: (answer) => (answer.recoveryCodes ? setDone(answer) : finish(answer)) },
    );
  };

  if (done?.recoveryCodes) {
    return (
      <section className="login-form" aria-labelledby="recovery-heading">
        <h2 id="recovery-heading">Save your recovery codes</h2>
        <p>
          Each code signs you in once if you lose your phone. They are shown only now: store them somewhere
          safe, such as your password manager.
        </p>
        <ul className="recovery-codes" aria-label="Recovery codes">
          {done.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" className="btn btn-primary btn-block" onClick={() => finish(done)}>
          I have saved them — continue
        </button>
      </section>
    );
  }

  const enrolment = challenge.enrolment;
  return (
    <form className="login-form" onSubmit={submit} noValidate>
      {enrolment ? (
        <>
          <h2>Set up your authenticator app</h2>
          <p>
            Your role needs a second factor. Scan this QR code with an authenticator app, then enter the
            6-digit code it shows.
          </p>
          <Suspense fallback={<p className="muted">Loading the QR code…</p>}>
            <EnrolmentQr otpauthUrl={enrolment.otpauthUrl} />
          </Suspense>
          <p>
            Cannot scan? Enter this key instead: <code aria-label="Secret key">{enrolment.secret}</code>
          </p>
        </>
      ) : (
        <>
          <h2>Second factor</h2>
          <p>Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
        </>
      )}
      <div className="field">
        <label htmlFor="mfa-code">Code</label>
        <input
          id="mfa-code"
          name="code"
          autoComplete="one-time-code"
          inputMode={enrolment ? 'numeric' : 'text'}
          autoFocus
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </div>
      {verify.error && (
        <p className="form-error" role="alert">
          {verify.error.message}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-block" disabled={verify.isPending}>
        {verify.isPending ? 'Checking…' : 'Verify'}
      </button>
      <button type="button" className="btn btn-ghost btn-block" onClick={onCancel}>
        Start over
      </button>
    </form>
  );
}
