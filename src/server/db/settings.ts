import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { settings } from './schema';

// The desk's settings (review rules, retention, second factor, …): one JSON value per key.

export async function getSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row ? (row.value as T) : fallback;
}

export async function putSetting(db: Db, key: string, value: unknown) {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
