import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useShortcut } from '@web/hooks/use-shortcut';
import { paths } from '@web/lib/paths';
import { reviewQueries } from '../api/review-queries';

/** The oldest undecided case nobody else is working on: keyboard-first review goes decide → next. */
export function NextCaseLink({ currentId }: { currentId: string }) {
  const queue = useQuery(reviewQueries.queue());
  const next = queue.data?.items.find((i) => i.processId !== currentId && (!i.claim || i.claim.mine));
  const navigate = useNavigate();
  useShortcut('n', () => next && navigate(paths.process.href(next.processId)), Boolean(next));
  if (!next) return queue.data ? <p className="muted">The review queue is empty.</p> : null;
  return (
    <Link className="btn btn-primary" to={paths.process.href(next.processId)}>
      Next case → <kbd>n</kbd>
    </Link>
  );
}
