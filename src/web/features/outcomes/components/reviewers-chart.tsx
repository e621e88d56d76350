import { Bar } from 'recharts';
import type { OutcomesResponse } from '@domain/outcomes';
import { DECISION_OUTCOMES, OUTCOME_LABELS, type DecisionOutcome } from '@domain/review';
import { useChartColors } from '../hooks/use-chart-colors';
import { formatCount, formatPercent } from '../lib/format';
import { DataTable, EmptyChart, HorizontalBarChart, Legend, NumCell } from './chart-parts';

/** Decision outcomes drawn in the colour of the status they stand for. */
const OUTCOME_STATUS: Record<DecisionOutcome, string> = {
  approve: 'accepted',
  reject: 'rejected',
  retry: 'processing',
};

/** Decisions per reviewer, stacked by outcome. Reviewers are staff: their names are not end-user data. */
export function ReviewersChart({ data }: { data: OutcomesResponse }) {
  const colors = useChartColors();
  if (data.reviewers.length === 0) return <EmptyChart>No decisions on processes of this period.</EmptyChart>;
  return (
    <>
      <Legend
        items={DECISION_OUTCOMES.map((o) => ({
          key: o,
          label: OUTCOME_LABELS[o],
          color: colors.status(OUTCOME_STATUS[o]),
        }))}
      />
      <HorizontalBarChart
        data={data.reviewers}
        title="Decisions per reviewer"
        height={Math.max(120, 36 * data.reviewers.length + 40)}
        colors={colors}
        category="reviewer"
        categoryWidth={110}
      >
        {DECISION_OUTCOMES.map((o) => (
          <Bar
            key={o}
            dataKey={o}
            name={OUTCOME_LABELS[o]}
            stackId="outcome"
            fill={colors.status(OUTCOME_STATUS[o])}
            barSize={18}
            isAnimationActive={false}
          />
        ))}
      </HorizontalBarChart>
    </>
  );
}

export function ReviewersTable({ data }: { data: OutcomesResponse }) {
  const total = data.reviewers.reduce((n, r) => n + r.total, 0);
  return (
    <DataTable
      caption="Decisions per reviewer and outcome"
      columns={[
        { key: 'reviewer', label: 'Reviewer' },
        { key: 'total', label: 'Decisions', numeric: true },
        ...DECISION_OUTCOMES.map((o) => ({ key: o, label: OUTCOME_LABELS[o], numeric: true })),
      ]}
      empty={data.reviewers.length === 0 && 'No decisions on processes of this period.'}
    >
      {data.reviewers.map((r) => (
        <tr key={r.reviewer}>
          <th scope="row">{r.reviewer}</th>
          <NumCell>
            {formatCount(r.total)}{' '}
            <span className="muted">({formatPercent(total ? r.total / total : null)})</span>
          </NumCell>
          {DECISION_OUTCOMES.map((o) => (
            <NumCell key={o}>{formatCount(r[o])}</NumCell>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
