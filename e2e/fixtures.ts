import { test as base, expect, type Page } from '@playwright/test';
import { E2E_PORT, E2E_SANDBOX_PORT } from './env';

export const ROLES = ['reviewer', 'operator', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const storageStatePath = (role: Role) => `test-results/.auth-${E2E_PORT}/${role}.json`;

/** The sandbox's control API (not part of the vendor contract): forced outcomes for journeys. */
export const sandbox = {
  url: `http://127.0.0.1:${E2E_SANDBOX_PORT}`,
  async post<T>(path: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${this.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
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

export const test = base;
export { expect };
