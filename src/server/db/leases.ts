import { eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { leases } from './schema';

/**
 * Takes the named lease for `holder` until `until` when it is free, expired or already `holder`'s; returns whether
 * `holder` holds it now.
 */
export async function takeLease(db: Db, name: string, holder: string, until: Date): Promise<boolean> {
  const got = await db
    .insert(leases)
    .values({ name, holder, until })
    .onConflictDoUpdate({
      target: leases.name,
      set: { holder, until },
      setWhere: or(lt(leases.until, sql`now()`), eq(leases.holder, holder)),
    })
    .returning({ holder: leases.holder });
  return got[0]?.holder === holder;
}

/** Hands back every lease `holder` holds. */
export async function releaseLeases(db: Db, holder: string) {
  await db.delete(leases).where(eq(leases.holder, holder));
}
