import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DECISION_OUTCOMES, OUTCOME_LABELS, type DecisionOutcome, type ReasonCode } from '@domain/review';
import { errorMessage } from '@web/components/error-state';
import { reviewQueries } from '@web/features/review/api/review-queries';
import { useAddReasonCode, useUpdateReasonCode } from '../hooks/use-admin-mutations';

/**
 * Reason codes per outcome, in the order reviewers see them (digits 1–9 pick them on a case). Admins add, rename,
 * retire (and bring back) and move them; a code never changes outcome, since past decisions cite it.
 */
export function ReasonCodesAdmin() {
  const reasons = useQuery(reviewQueries.reasonCodes());
  const update = useUpdateReasonCode();
  const add = useAddReasonCode();
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [outcome, setOutcome] = useState<DecisionOutcome>('reject');

  // Moving swaps positions with the neighbour, renumbering the list so equal positions cannot stall a move.
  const move = (list: ReasonCode[], index: number, by: -1 | 1) => {
    const order = [...list];
    const [item] = order.splice(index, 1);
    order.splice(index + by, 0, item!);
    order.forEach((r, i) => {
      if (r.position !== i + 1) update.mutate({ code: r.code, position: i + 1 });
    });
  };

  return (
    <section aria-labelledby="reason-codes-heading">
      <h3 id="reason-codes-heading" className="subheading">
        Reason codes
      </h3>
      {DECISION_OUTCOMES.map((o) => {
        const list = (reasons.data?.items ?? []).filter((r) => r.outcome === o);
        return (
          <div key={o} className="reason-admin">
            <h4>{OUTCOME_LABELS[o]}</h4>
            <ol className="reason-list">
              {list.map((r, i) => (
                <ReasonRow
                  key={r.code}
                  reason={r}
                  first={i === 0}
                  last={i === list.length - 1}
                  onMove={(by) => move(list, i, by)}
                  onUpdate={update.mutate}
                />
              ))}
            </ol>
          </div>
        );
      })}
      {update.error && (
        <p className="form-error" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ code, label, outcome }, { onSuccess: () => (setCode(''), setLabel('')) });
        }}
      >
        <div className="field">
          <label htmlFor="reason-outcome-new">Outcome</label>
          <select
            id="reason-outcome-new"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as DecisionOutcome)}
          >
            {DECISION_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="reason-code-new">Code</label>
          <input
            id="reason-code-new"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder="e.g. address_mismatch"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="reason-label-new">Label</label>
          <input id="reason-label-new" value={label} onChange={(e) => setLabel(e.target.value)} required />
        </div>
        <button type="submit" className="btn" disabled={add.isPending}>
          Add reason code
        </button>
        {add.error && <span className="form-error">{errorMessage(add.error)}</span>}
      </form>
    </section>
  );
}

function ReasonRow({
  reason,
  first,
  last,
  onMove,
  onUpdate,
}: {
  reason: ReasonCode;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onUpdate: (patch: { code: string; label?: string; active?: boolean }) => void;
}) {
  const [label, setLabel] = useState(reason.label);
  return (
    <li className={reason.active ? undefined : 'retired'}>
      <code>{reason.code}</code>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (label.trim() && label !== reason.label) onUpdate({ code: reason.code, label });
        }}
      >
        <input
          aria-label={`Label of ${reason.code}`}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button type="submit" className="btn btn-ghost" disabled={!label.trim() || label === reason.label}>
          Rename
        </button>
      </form>
      <button
        type="button"
        className="btn btn-ghost"
        aria-label={`Move ${reason.label} up`}
        disabled={first}
        onClick={() => onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        aria-label={`Move ${reason.label} down`}
        disabled={last}
        onClick={() => onMove(1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="btn btn-ghost"
        onClick={() => onUpdate({ code: reason.code, active: !reason.active })}
      >
        {reason.active ? 'Retire' : 'Bring back'}
      </button>
    </li>
  );
}
