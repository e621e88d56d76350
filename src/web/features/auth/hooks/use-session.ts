import { useSuspenseQuery } from '@tanstack/react-query';
import { can, type Permission } from '@domain/policy';
import { sessionQueries } from '../api/session-queries';

export function useSession() {
  return useSuspenseQuery(sessionQueries.current()).data;
}

/** Whether the signed-in user's role allows `permission` (for hiding controls; the server enforces). */
export function useCan(permission: Permission): boolean {
  return can(useSession().user?.role, permission);
}
