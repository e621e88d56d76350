import { createHash } from 'node:crypto';
import { and, eq, lt, ne } from 'drizzle-orm';
import type { Role } from '@domain/policy';
import type { Db } from './client';
import { oidcLogins, users } from './schema';

// OpenID Connect sign-in (issue #20): sign-ins under way, and users known by their issuer and subject.

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export async function saveOidcLogin(
  db: Db,
  cookieValue: string,
  t: { state: string; nonce: string; codeVerifier: string; returnTo?: string; ttlMs: number },
) {
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, new Date()));
  await db.insert(oidcLogins).values({
    id: sha256(cookieValue),
    state: t.state,
    nonce: t.nonce,
    codeVerifier: t.codeVerifier,
    returnTo: t.returnTo ?? null,
    expiresAt: new Date(Date.now() + t.ttlMs),
  });
}

/** Takes the sign-in under way behind a cookie value: it is used once, whatever the outcome. */
export async function takeOidcLogin(db: Db, cookieValue: string) {
  const [row] = await db
    .delete(oidcLogins)
    .where(eq(oidcLogins.id, sha256(cookieValue)))
    .returning();
  return row && row.expiresAt.getTime() > Date.now() ? row : undefined;
}

export async function findOidcUser(db: Db, issuer: string, subject: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)));
  return row;
}

/** No password can match this: the users of single sign-on have none. */
const NO_PASSWORD = '!oidc';

/** Creates the user of an issuer and subject, or updates their name and role from the claims; undefined on a name taken. */
export async function upsertOidcUser(db: Db, issuer: string, subject: string, username: string, role: Role) {
  const existing = await findOidcUser(db, issuer, subject);
  if (existing) {
    const clash = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.username, username), ne(users.id, existing.id)));
    const [row] = await db
      .update(users)
      .set({ role, ...(clash.length ? {} : { username }) })
      .where(eq(users.id, existing.id))
      .returning();
    return { user: row!, created: false, roleChanged: existing.role !== role };
  }
  const [row] = await db
    .insert(users)
    .values({ username, role, passwordHash: NO_PASSWORD, oidcIssuer: issuer, oidcSubject: subject })
    .onConflictDoNothing({ target: users.username })
    .returning();
  return row ? { user: row, created: true, roleChanged: false } : undefined;
}
