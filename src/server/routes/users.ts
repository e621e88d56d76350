import { eq } from 'drizzle-orm';
import { userCreateSchema, userUpdateSchema } from '@domain/review';
import { audit } from '../audit/audit';
import { hashPassword } from '../auth/password';
import { deleteUserSessions } from '../auth/sessions';
import { createUser, findUserByUsername } from '../auth/users';
import { requirePermission, type PolicyRoutes } from '../auth/guard';
import type { AppDeps } from '../context';
import { users } from '../db/schema';
import { badRequest, conflict, notFound } from '../lib/errors';
import { jsonBody, parseOr400, pathParam } from '../lib/query';

const userJson = (u: typeof users.$inferSelect) => ({ id: u.id, username: u.username, role: u.role, active: u.active, createdAt: u.createdAt.toISOString() });

export function userRoutes(r: PolicyRoutes, { database }: AppDeps) {
  const db = database.db;

  r.get('/api/users', async (c) => c.json({ items: (await db.select().from(users).orderBy(users.username)).map(userJson) }));

  r.post('/api/users', async (c) => {
    const admin = requirePermission(c);
    const input = parseOr400(userCreateSchema, await jsonBody(c));
    if (await findUserByUsername(db, input.username)) throw conflict(`The username "${input.username}" is taken.`);
    const user = await createUser(db, input.username, input.role, input.password);
    await audit(db, { actor: admin.username, action: 'user.create', target: user.username, requestId: c.get('requestId'), details: { role: input.role } });
    return c.json(userJson(user), 201);
  });

  r.patch('/api/users/:userId', async (c) => {
    const admin = requirePermission(c);
    const id = Number(pathParam(c, 'userId'));
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw badRequest('userId must be a number.');
    const input = parseOr400(userUpdateSchema, await jsonBody(c));
    const [existing] = await db.select().from(users).where(eq(users.id, id));
    if (!existing) throw notFound('No such user.');
    if (existing.id === admin.id && (input.active === false || (input.role && input.role !== 'admin'))) {
      throw conflict('You cannot deactivate yourself or remove your own admin role.');
    }
    const [updated] = await db
      .update(users)
      .set({
        ...(input.role ? { role: input.role } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.password ? { passwordHash: await hashPassword(input.password), passwordChangedAt: new Date() } : {}),
      })
      .where(eq(users.id, id))
      .returning();
    // A password change or deactivation logs the user out everywhere.
    if (input.password || input.active === false || input.role) await deleteUserSessions(db, id);
    await audit(db, {
      actor: admin.username,
      action: 'user.update',
      target: existing.username,
      requestId: c.get('requestId'),
      details: { role: input.role, active: input.active, passwordReset: Boolean(input.password) },
    });
    return c.json(userJson(updated!));
  });

  // An administrator ends every session of another user (a lost laptop, a suspected takeover), on every instance.
  r.post('/api/users/:userId/sign-out-everywhere', async (c) => {
    const admin = requirePermission(c);
    const id = Number(pathParam(c, 'userId'));
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw badRequest('userId must be a number.');
    const [existing] = await db.select().from(users).where(eq(users.id, id));
    if (!existing) throw notFound('No such user.');
    const ended = await deleteUserSessions(db, id);
    await audit(db, { actor: admin.username, action: 'user.sign_out_everywhere', target: existing.username, requestId: c.get('requestId'), details: { sessions: ended } });
    return c.json({ sessions: ended });
  });
}
