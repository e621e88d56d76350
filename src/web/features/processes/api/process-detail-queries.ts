import { queryOptions } from '@tanstack/react-query';
import { PROCESS_DETAIL_API } from '@domain/contracts/process-detail';
import { call } from '@web/lib/api-client';
import { liveRefetchInterval } from '../lib/polling';
import { processQueries } from './process-queries';

/** One process and its dossier, for the detail and dossier screens; keyed under `processQueries.all`. */
export const processDetailQueries = {
  details: () => [...processQueries.all, 'detail'] as const,
  detail: (processId: string) =>
    queryOptions({
      queryKey: [...processDetailQueries.details(), processId] as const,
      queryFn: ({ signal }) => call(PROCESS_DETAIL_API.process, { params: { processId }, signal }),
      refetchInterval: (query) =>
        liveRefetchInterval(query.state.data ? [query.state.data.process.status] : undefined),
    }),
  dossier: (dossierId: string) =>
    queryOptions({
      queryKey: [...processQueries.all, 'dossier', dossierId] as const,
      queryFn: ({ signal }) => call(PROCESS_DETAIL_API.dossier, { params: { dossierId }, signal }),
      refetchInterval: (query) => liveRefetchInterval(query.state.data?.processes.map((p) => p.status)),
    }),
};
