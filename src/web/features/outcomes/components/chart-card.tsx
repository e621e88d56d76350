import { useId, useState, type ReactNode } from 'react';
import { ErrorBoundary } from '@web/components/error-boundary';

interface Props {
  title: string;
  /** One sentence: what the chart shows and what clicking does. */
  description?: ReactNode;
  /** The chart; omitted for cards that are a table already. */
  chart?: ReactNode;
  /** The same figures as a table: the chart's text alternative, and where every number is a link. */
  table: ReactNode;
  /** A headline figure next to the title. */
  aside?: ReactNode;
  /** GET /api/outcomes/export URL for this card's table. */
  csvHref?: string;
  footer?: ReactNode;
  wide?: boolean;
}

/** One dashboard widget: title, chart or table (toggle), CSV download; it fails alone, with a retry. */
export function ChartCard({ title, description, chart, table, aside, csvHref, footer, wide }: Props) {
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  const showTable = asTable || !chart;
  return (
    <section className={`oc-card${wide ? ' oc-card-wide' : ''}`} aria-labelledby={headingId}>
      <header className="oc-card-header">
        <div className="oc-card-title">
          <h2 id={headingId}>{title}</h2>
          {description && <p className="oc-card-description">{description}</p>}
        </div>
        {aside && <div className="oc-card-aside">{aside}</div>}
        <div className="oc-card-actions">
          {chart && (
            <button
              type="button"
              className="btn btn-ghost oc-small"
              aria-pressed={asTable}
              onClick={() => setAsTable(!asTable)}
            >
              {asTable ? 'Show as chart' : 'Show as table'}
            </button>
          )}
          {csvHref && (
            <a className="btn btn-ghost oc-small" href={csvHref} download>
              CSV<span className="visually-hidden"> of {title}</span>
            </a>
          )}
        </div>
      </header>
      <ErrorBoundary title={`${title} could not be shown`}>
        <div className="oc-card-body">{showTable ? <div className="oc-table-wrap">{table}</div> : chart}</div>
      </ErrorBoundary>
      {footer && <footer className="oc-card-footer">{footer}</footer>}
    </section>
  );
}
