import { useQuery } from '@tanstack/react-query';
import { SESSION_API } from '@domain/contracts/session';
import { call } from '@web/lib/api-client';
import { formatRelative } from '@web/lib/format';

/** A banner while Assure or the database is not healthy; reads keep working from the index meanwhile. */
export function HealthBanner() {
  const health = useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => call(SESSION_API.health, { signal }),
    refetchInterval: 15_000,
  });
  const h = health.data;
  if (!h || h.status === 'ok') return null;
  return (
    <div className="banner banner-warning banner-global" role="status">
      {h.db === 'down'
        ? 'The database is not answering; actions are paused until it is back.'
        : `Assure is ${h.upstream.state === 'down' ? 'not answering' : 'answering with errors'}; you are seeing the last known data${
            h.upstream.lastSuccessAt ? ` (last contact ${formatRelative(h.upstream.lastSuccessAt)})` : ''
          }.`}
    </div>
  );
}
