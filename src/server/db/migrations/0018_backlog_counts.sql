-- The review backlog's counts (GET /api/outcomes → backlog, src/server/db/backlog.ts), kept per provider, reason,
-- reason label, state and assignment of the waiting cases (needs_review, pending_second_review) by statement-level
-- triggers on cases, in the statement that writes them: the backlog reads these few rows instead of every waiting
-- case. Net deltas of the old and new rows as one upsert (n = n + delta) in key order, so concurrent writers lock
-- shared rows in the same order. Keys whose count falls to 0 stay (there are few).
CREATE TABLE "backlog_counts" (
	"provider" text,
	"reason" text,
	"reason_label" text,
	"state" text NOT NULL,
	"assigned" boolean NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "backlog_counts_key" ON "backlog_counts" ((COALESCE(provider, E'\001')), (COALESCE(reason, E'\001')), (COALESCE(reason_label, E'\001')), state, assigned);
--> statement-breakpoint
-- What depends on the clock is read from the waiting cases by waiting time: the oldest (the first entry), and those
-- not overdue yet (waiting since less than the SLA: a range bounded by time, not by the size of the queue).
CREATE INDEX "cases_waiting_idx" ON "cases" ("waiting_since") INCLUDE ("state", "provider", "reason") WHERE state IN ('needs_review', 'pending_second_review');
--> statement-breakpoint
CREATE FUNCTION backlog_counts_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  none text := '(SELECT * FROM cases WHERE FALSE)';
BEGIN
  EXECUTE format($q$
    INSERT INTO backlog_counts AS b (provider, reason, reason_label, state, assigned, n)
    SELECT provider, reason, reason_label, state, assigned, sum(sign)::integer
    FROM (
      SELECT provider, reason, reason_label, state, assignee_id IS NOT NULL AS assigned, -1 AS sign FROM %1$s AS o
      UNION ALL
      SELECT provider, reason, reason_label, state, assignee_id IS NOT NULL, 1 FROM %2$s AS n
    ) AS d
    WHERE state IN ('needs_review', 'pending_second_review')
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(sign) <> 0
    ORDER BY COALESCE(provider, E'\001'), COALESCE(reason, E'\001'), COALESCE(reason_label, E'\001'), state, assigned
    ON CONFLICT ((COALESCE(provider, E'\001')), (COALESCE(reason, E'\001')), (COALESCE(reason_label, E'\001')), state, assigned)
    DO UPDATE SET n = b.n + excluded.n$q$,
    CASE WHEN TG_OP = 'INSERT' THEN none ELSE 'old_rows' END,
    CASE WHEN TG_OP = 'DELETE' THEN none ELSE 'new_rows' END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER backlog_counts_ins AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION backlog_counts_trigger();
--> statement-breakpoint
CREATE TRIGGER backlog_counts_upd AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION backlog_counts_trigger();
--> statement-breakpoint
CREATE TRIGGER backlog_counts_del AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION backlog_counts_trigger();
--> statement-breakpoint
LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
INSERT INTO backlog_counts (provider, reason, reason_label, state, assigned, n)
SELECT provider, reason, reason_label, state, assignee_id IS NOT NULL, count(*)::integer
FROM cases WHERE state IN ('needs_review', 'pending_second_review')
GROUP BY 1, 2, 3, 4, 5;
