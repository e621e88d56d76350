import { useSuspenseQuery } from '@tanstack/react-query';
import { sessionQueries } from '../api/session-queries';

export function useSession() {
  return useSuspenseQuery(sessionQueries.current()).data;
}
