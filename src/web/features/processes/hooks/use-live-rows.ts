import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProcessListItem } from '@domain/api';
import { isFinalStatus, statusLabel } from '@domain/status';
import { processQueries } from '../api/process-queries';

const HIGHLIGHT_MS = 4000;

/**
 * Overlays the visible page with fresh data for its non-final rows (one batched, polled request), and reports rows
 * whose status just changed so they can be highlighted and announced.
 */
export function useLiveRows(items: ProcessListItem[] | undefined) {
  const openIds = useMemo(
    () => (items ?? []).filter((i) => !isFinalStatus(i.status)).map((i) => i.processId),
    [items],
  );
  const live = useQuery(processQueries.live(openIds));

  const rows = useMemo(() => {
    const fresh = new Map((live.data?.items ?? []).map((i) => [i.processId, i]));
    return (items ?? []).map((i) => {
      const f = fresh.get(i.processId);
      return f && f.updatedAt >= i.updatedAt ? f : i;
    });
  }, [items, live.data]);

  const seen = useRef(new Map<string, string>());
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const now: string[] = [];
    const messages: string[] = [];
    for (const row of rows) {
      const before = seen.current.get(row.processId);
      if (before && before !== row.status) {
        now.push(row.processId);
        const who = [row.firstName, row.lastName].filter(Boolean).join(' ') || row.processId.slice(0, 8);
        messages.push(`${who}: ${statusLabel(before)} → ${statusLabel(row.status)}`);
      }
      seen.current.set(row.processId, row.status);
    }
    if (now.length === 0) return;
    setChanged((prev) => new Set([...prev, ...now]));
    setAnnouncement(`Status changed. ${messages.join('. ')}.`);
    const t = setTimeout(
      () => setChanged((prev) => new Set([...prev].filter((id) => !now.includes(id)))),
      HIGHLIGHT_MS,
    );
    return () => clearTimeout(t);
  }, [rows]);

  return { rows, changed, announcement, stale: live.data?.stale ?? false };
}
