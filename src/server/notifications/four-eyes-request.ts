import { providerLabel } from '@domain/providers';
import type { NotificationMessage } from './notifier';

// The four-eyes request (issue #19): a decision was stored as pending_second_review and waits for a reviewer other
// than its author. The message says which provider and what kind of decision, and links to the case; it carries no
// name, document, note or reviewer — whoever opens the link sees what their role may see.

export const fourEyesDedupeKey = (decisionId: number) => `review.four_eyes:${decisionId}`;

export function fourEyesMessage(d: {
  decisionId: number;
  processId: string;
  provider: string;
  outcome: string;
  publicUrl: string;
}): NotificationMessage {
  const link = new URL(`/processes/${encodeURIComponent(d.processId)}`, d.publicUrl).toString();
  const what =
    d.outcome === 'approve' ? 'An approval' : d.outcome === 'reject' ? 'A rejection' : 'A decision';
  return {
    subject: `Four-eyes review requested: ${providerLabel(d.provider)} case`,
    text: [
      `${what} of a ${providerLabel(d.provider)} case waits for a second reviewer.`,
      'A reviewer other than its author confirms it or sends it back.',
      `Open the case: ${link}`,
    ].join('\n'),
    data: { decisionId: d.decisionId, provider: d.provider, outcome: d.outcome, link },
  };
}
