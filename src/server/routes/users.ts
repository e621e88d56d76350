import { API } from '@domain/contracts';
import type { Role } from '@domain/policy';
import { audit } from '../audit/audit';
import { hashPassword } from '../auth/password';
import { deleteUserSessions } from '../auth/sessions';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import type { users } from '../db/schema';
import { createUser, findUserById, findUserByUsername, listUsers, updateUser } from '../db/users';
import { conflict, notFound } from '../lib/errors';

const userJson = (u: typeof users.$inferSelect) => ({
  id: u.id,
  username: u.username,
  role: u.role as Role,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});

export function userRoutes(r: Routes, { database }: AppDeps) {
  const db = database.db;

  r.on(API.users, async () => ({ items: (await listUsers(db)).map(userJson) }));

  r.on(API.addUser, async (c, { user: admin, body: input }) => {
    if (await findUserByUsername(db, input.username))
      throw conflict(`The username "${input.username}" is taken.`);
    const user = await createUser(db, input.username, input.role, input.password);
    await audit(db, {
      actor: admin.username,
      action: 'user.create',
      target: user.username,
      requestId: c.get('requestId'),
      details: { role: input.role },
    });
    return userJson(user);
  });

  r.on(API.updateUser, async (c, { user: admin, params: { userId: id }, body: input }) => {
    const existing = await findUserById(db, id);
    if (!existing) throw notFound('No such user.');
    if (existing.id === admin.id && (input.active === false || (input.role && input.role !== 'admin'))) {
      throw conflict('You cannot deactivate yourself or remove your own admin role.');
    }
    const updated = await updateUser(db, id, {
      ...(input.role ? { role: input.role } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
    });
    // A password change or deactivation logs the user out everywhere.
    if (input.password || input.active === false || input.role) await deleteUserSessions(db, id);
    await audit(db, {
      actor: admin.username,
      action: 'user.update',
      target: existing.username,
      requestId: c.get('requestId'),
      details: { role: input.role, active: input.active, passwordReset: Boolean(input.password) },
    });
    return userJson(updated!);
  });

  // An administrator ends every session of another user (a lost laptop, a suspected takeover), on every instance.
  r.on(API.signOutUserEverywhere, async (c, { user: admin, params: { userId: id } }) => {
    const existing = await findUserById(db, id);
    if (!existing) throw notFound('No such user.');
    const ended = await deleteUserSessions(db, id);
    await audit(db, {
      actor: admin.username,
      action: 'user.sign_out_everywhere',
      target: existing.username,
      requestId: c.get('requestId'),
      details: { sessions: ended },
    });
    return { sessions: ended };
  });
}
