import { createHmac } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { E2E_PORT, E2E_SANDBOX_PORT } from './env';

export const ROLES = ['reviewer', 'operator', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const storageStatePath = (role: Role) => `test-results/.auth-${E2E_PORT}/${role}.json`;

/** The sandbox's control API (not part of the vendor contract): forced outcomes for journeys. */
export const sandbox = {
  url: `http://127.0.0.1:${E2E_SANDBOX_PORT}`,
  async post<T>(path: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  },
};

export async function login(page: Page, username: Role) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Processes' })).toBeVisible();
}

/** An authenticator app of our own (RFC 6238: SHA-1, 6 digits, 30 s) for users with a second factor (issue #20). */
export function authenticatorCode(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const o = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The secrets users of this run enrolled through `signInWithPassword`, as their authenticator apps hold them. */
const authenticators = new Map<string, string>();

/**
 * Signs a user created by a journey in with their password on a fresh page; when their role needs a second factor
 * (reviewers and admins by default), enrols an authenticator app on the first sign-in and answers with its code after.
 */
export async function signInWithPassword(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const processes = page.getByRole('heading', { name: 'Processes' });
  const enrol = page.getByRole('heading', { name: 'Set up your authenticator app' });
  const asked = page.getByRole('heading', { name: 'Second factor' });
  await expect(processes.or(enrol).or(asked)).toBeVisible();
  if (await enrol.isVisible()) {
    const secret = (await page.getByLabel('Secret key').textContent())!;
    authenticators.set(username, secret);
    await page.getByLabel('Code').fill(authenticatorCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: /I have saved them/ }).click();
  } else if (await asked.isVisible()) {
    const secret = authenticators.get(username);
    if (!secret) throw new Error(`${username} has a second factor this run did not enrol`);
    // The next step's code: this step's may have been used at enrolment.
    await page.getByLabel('Code').fill(authenticatorCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await expect(processes).toBeVisible();
}

export const test = base;
export { expect };
