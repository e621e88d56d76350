import { useId, type ReactNode } from 'react';
import './detail.css';

/** A card with an h2 that names it (the section is a labelled region). */
export function DetailSection({
  title,
  actions,
  className = '',
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className={`detail-card ${className}`} aria-labelledby={id}>
      <div className="detail-card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A titled sub-part of a card: h3 plus content; `children` gets the heading id to label a table. */
export function SubSection({
  title,
  children,
}: {
  title: ReactNode;
  children: (headingId: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="detail-sub">
      <h3 id={id}>{title}</h3>
      {children(id)}
    </div>
  );
}
