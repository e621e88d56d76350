-- Outcomes rollups (issue #19): the dashboard's created-basis and team figures, kept per local day and per local month
-- in each time zone of outcome_rollup_zones, by provider, process type, country and a measure:
--   status            key = status, final = is_final           (counts, rates, series, the funnel's inconclusive)
--   total             the same without provider, process type and country ('' / NULL): the unfiltered series
--   ttf               key = time-to-final bucket (final ones)   (p50/p90 from a histogram, see outcome_ms_bucket)
--   fail              key = raw->>'failReason' (failed ones)
--   retry             key = the retry's status (inconclusive processes that were retried; outcome_retry_ledger)
--   decision:created / decision:decided   actor, outcome, reason_code (the day is the process's creation / the decision's)
--   ttd:created / ttd:decided             key = time-to-decision bucket (decisions on inconclusive processes)
-- Maintained by statement-level triggers on processes, decisions and retries in the statement that writes them: each
-- adds the facts of the new rows and subtracts those of the old rows as deltas with INSERT … ON CONFLICT DO UPDATE
-- SET n = n + delta, which is safe with several instances writing at once. outcome_rollups_rebuild() recomputes
-- everything from the tables with the same fact queries.
CREATE TABLE "outcome_rollup_zones" (
	"zone" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
INSERT INTO "outcome_rollup_zones" ("zone") VALUES ('UTC'), ('Europe/Oslo');
--> statement-breakpoint
CREATE TABLE "outcome_rollups" (
	"zone" text NOT NULL,
	"grain" text NOT NULL,
	"day" date NOT NULL,
	"measure" text NOT NULL,
	"provider" text NOT NULL,
	"process_type" text,
	"country" text,
	"key" text,
	"final" boolean,
	"actor" text,
	"outcome" text,
	"reason_code" text,
	"n" integer NOT NULL
);
--> statement-breakpoint
-- One row per key; a missing value (NULL) is a value of its own (written as \001, which no code contains): PostgreSQL
-- before 15 has no NULLS NOT DISTINCT.
CREATE UNIQUE INDEX "outcome_rollups_key" ON "outcome_rollups" (zone, measure, grain, day, provider, (COALESCE(process_type, E'\001')), (COALESCE(country, E'\001')), (COALESCE(key, E'\001')), (COALESCE(final::text, E'\001')), (COALESCE(actor, E'\001')), (COALESCE(outcome, E'\001')), (COALESCE(reason_code, E'\001')));
--> statement-breakpoint
-- What the retry facts currently count per inconclusive process that was retried, so a change in its dossier can
-- subtract exactly what was added.
CREATE TABLE "outcome_retry_ledger" (
	"process_id" text NOT NULL,
	"dossier_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"provider" text NOT NULL,
	"process_type" text,
	"country" text,
	"retry_status" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outcome_retry_ledger_dossier_idx" ON "outcome_retry_ledger" ("dossier_id");
--> statement-breakpoint
-- Histogram bucket of a duration in milliseconds: 8 buckets per doubling (bucket b holds [2^(b/8), 2^((b+1)/8)) ms,
-- each about 9 % wide); -1 holds anything under 1 ms. src/server/db/outcome-rollups.ts reads the same bounds.
CREATE FUNCTION outcome_ms_bucket(ms float8) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ms < 1 THEN -1 ELSE floor(8 * ln(ms) / ln(2))::integer END
$$;
--> statement-breakpoint
-- The facts of processes rows in `rel` (a relation expression), each with `sign`.
CREATE FUNCTION outcome_process_facts(rel text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    SELECT %2$s AS sign, p.created_at AS at, m.measure,
      CASE m.measure WHEN 'total' THEN '' ELSE p.provider END AS provider,
      CASE m.measure WHEN 'total' THEN NULL ELSE p.process_type END AS process_type,
      CASE m.measure WHEN 'total' THEN NULL ELSE p.document_country END AS country,
      m.key, m.final, NULL::text AS actor, NULL::text AS outcome, NULL::text AS reason_code
    FROM %1$s p CROSS JOIN LATERAL (VALUES
      ('status', p.status, p.is_final),
      ('total', p.status, p.is_final),
      ('ttf', outcome_ms_bucket(date_part('epoch', p.updated_at - p.created_at) * 1000)::text, NULL::boolean),
      ('fail', p.raw->>'failReason', NULL::boolean)
    ) AS m(measure, key, final)
    WHERE m.measure IN ('status', 'total') OR (m.measure = 'ttf' AND p.is_final) OR (m.measure = 'fail' AND p.status = 'failed')
  $f$, rel, sign)
$$;
--> statement-breakpoint
-- The facts of decisions in `drel` on the processes in `prel`, each with `sign`, for both bases.
CREATE FUNCTION outcome_decision_facts(drel text, prel text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    SELECT %3$s AS sign, CASE b.basis WHEN 'created' THEN p.created_at ELSE d.decided_at END AS at,
      m.measure || ':' || b.basis AS measure, p.provider, p.process_type, p.document_country AS country, m.key,
      NULL::boolean AS final, m.actor, m.outcome, m.reason_code
    FROM %1$s d JOIN %2$s p ON p.process_id = d.process_id
    CROSS JOIN (VALUES ('created'), ('decided')) AS b(basis)
    CROSS JOIN LATERAL (VALUES
      ('decision', NULL::text, d.actor, d.outcome, d.reason_code),
      ('ttd', outcome_ms_bucket(date_part('epoch', d.decided_at - p.updated_at) * 1000)::text, NULL, NULL, NULL)
    ) AS m(measure, key, actor, outcome, reason_code)
    WHERE m.measure = 'decision' OR p.status = 'inconclusive'
  $f$, drel, prel, sign)
$$;
--> statement-breakpoint
-- Adds facts (rows of sign, at, measure, provider, process_type, country, key, final, actor, outcome, reason_code) to
-- the rollups of every zone, per local day and local month (summed from the days), as one upsert of the net deltas in
-- key order (the order of the unique index, so concurrent writers lock shared rows in the same order).
-- `ctes` (may be empty) precedes them as top-level WITH items ending in a comma.
CREATE FUNCTION outcome_rollups_add_sql(ctes text, facts text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH %1$s facts AS (%2$s),
    days AS (
      SELECT z.zone, (f.at AT TIME ZONE z.zone)::date AS day, f.measure, f.provider, f.process_type, f.country, f.key,
        f.final, f.actor, f.outcome, f.reason_code, sum(f.sign)::integer AS n
      FROM facts f CROSS JOIN outcome_rollup_zones z
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
      HAVING sum(f.sign) <> 0
    ),
    deltas AS (
      SELECT zone, 'day' AS grain, day, measure, provider, process_type, country, key, final, actor, outcome, reason_code, n
      FROM days
      UNION ALL
      SELECT zone, 'month', date_trunc('month', day)::date, measure, provider, process_type, country, key, final, actor,
        outcome, reason_code, sum(n)::integer
      FROM days
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
    )
    INSERT INTO outcome_rollups AS r (zone, grain, day, measure, provider, process_type, country, key, final, actor,
      outcome, reason_code, n)
    SELECT * FROM deltas WHERE n <> 0
    ORDER BY zone, measure, grain, day, provider, process_type, country, key, final, actor, outcome, reason_code
    ON CONFLICT (zone, measure, grain, day, provider, (COALESCE(process_type, E'\001')), (COALESCE(country, E'\001')), (COALESCE(key, E'\001')), (COALESCE(final::text, E'\001')), (COALESCE(actor, E'\001')), (COALESCE(outcome, E'\001')), (COALESCE(reason_code, E'\001')))
    DO UPDATE SET n = r.n + excluded.n
  $q$, ctes, facts)
$$;
--> statement-breakpoint
-- (The helpers below return SQL text that the trigger functions EXECUTE themselves: transition tables are visible
-- only to statements the trigger function runs, not to functions it calls.)
-- Serialises the rollup work on the dossiers in `rel` (its dossier_id column) across transactions: 256 advisory lock
-- slots taken in order, so two writers of one dossier see each other's committed rows (READ COMMITTED takes a new
-- snapshot per statement) and never deadlock on the slots.
CREATE FUNCTION outcome_lock_sql(rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'SELECT count(*) FROM (SELECT pg_advisory_xact_lock(19019, s) FROM (SELECT DISTINCT hashtext(dossier_id) & 255 AS s FROM %s AS r ORDER BY 1) AS x) AS y',
    rel)
$$;
--> statement-breakpoint
-- Recomputes the retry facts of the inconclusive processes in the dossiers of `rel`: their retry is the process a retry
-- started in Assure Desk created (retries.source_process_id; 'pending' until indexed), else the next process created in
-- the dossier — as the full scan (retryFunnelSql) decides. Replaces the dossiers' ledger rows and adds the difference.
CREATE FUNCTION outcome_retry_refresh_sql(rel text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT outcome_rollups_add_sql(format($c$
    d AS (SELECT DISTINCT dossier_id FROM %s AS r),
    cur AS (
      SELECT inc.process_id, inc.dossier_id, inc.created_at, inc.provider, inc.process_type,
        inc.document_country AS country, COALESCE(started.status, later.status) AS retry_status
      FROM d JOIN processes inc ON inc.dossier_id = d.dossier_id AND inc.status = 'inconclusive'
      LEFT JOIN LATERAL (
        SELECT COALESCE(rp.status, 'pending') AS status
        FROM retries r LEFT JOIN processes rp ON rp.process_id = r.process_id
        WHERE r.dossier_id = inc.dossier_id AND r.source_process_id = inc.process_id AND r.state IN ('pending', 'created')
        ORDER BY r.created_at, r.id LIMIT 1
      ) started ON TRUE
      LEFT JOIN LATERAL (
        SELECT n.status FROM processes n
        WHERE n.dossier_id = inc.dossier_id AND n.created_at > inc.created_at
        ORDER BY n.created_at, n.process_id LIMIT 1
      ) later ON TRUE
    ),
    gone AS (DELETE FROM outcome_retry_ledger l USING d WHERE l.dossier_id = d.dossier_id RETURNING l.*),
    added AS (
      INSERT INTO outcome_retry_ledger SELECT * FROM cur WHERE retry_status IS NOT NULL RETURNING *
    ),
  $c$, rel), $f$
    SELECT x.sign, x.created_at AS at, 'retry' AS measure, x.provider, x.process_type, x.country,
      x.retry_status AS key, NULL::boolean AS final, NULL::text AS actor, NULL::text AS outcome, NULL::text AS reason_code
    FROM (SELECT -1 AS sign, gone.* FROM gone UNION ALL SELECT 1 AS sign, added.* FROM added) AS x
  $f$)
$$;
--> statement-breakpoint
-- The columns the facts read; an update that changes none of them (syncs, claims, erasure of names) costs one check.
CREATE FUNCTION outcome_process_changed() RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT '(o.dossier_id, o.provider, o.process_type, o.document_country, o.status, o.is_final, o.created_at, '
    || 'o.updated_at, o.raw->>''failReason'') IS DISTINCT FROM (n.dossier_id, n.provider, n.process_type, '
    || 'n.document_country, n.status, n.is_final, n.created_at, n.updated_at, n.raw->>''failReason'')'
$$;
--> statement-breakpoint
CREATE FUNCTION outcome_rollups_processes_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_rel text;
  new_rel text;
  touched text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    old_rel := '(SELECT * FROM processes WHERE FALSE)';
    new_rel := 'new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    old_rel := 'old_rows';
    new_rel := '(SELECT * FROM processes WHERE FALSE)';
  ELSE
    old_rel := format('(SELECT o.* FROM old_rows o JOIN new_rows n USING (process_id) WHERE %s)', outcome_process_changed());
    new_rel := format('(SELECT n.* FROM old_rows o JOIN new_rows n USING (process_id) WHERE %s)', outcome_process_changed());
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s AS a) OR EXISTS (SELECT 1 FROM %s AS b)', old_rel, new_rel) INTO STRICT touched;
  IF NOT touched::boolean THEN
    RETURN NULL;
  END IF;
  touched := format('(SELECT dossier_id FROM %s AS a UNION SELECT dossier_id FROM %s AS b)', old_rel, new_rel);
  EXECUTE outcome_lock_sql(touched);
  EXECUTE outcome_rollups_add_sql('', outcome_process_facts(old_rel, -1) || ' UNION ALL ' || outcome_process_facts(new_rel, 1)
    || ' UNION ALL ' || outcome_decision_facts('decisions', old_rel, -1)
    || ' UNION ALL ' || outcome_decision_facts('decisions', new_rel, 1));
  EXECUTE outcome_retry_refresh_sql(touched);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION outcome_rollups_decisions_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_rel text := CASE WHEN TG_OP = 'INSERT' THEN '(SELECT * FROM decisions WHERE FALSE)' ELSE 'old_rows' END;
  new_rel text := CASE WHEN TG_OP = 'DELETE' THEN '(SELECT * FROM decisions WHERE FALSE)' ELSE 'new_rows' END;
BEGIN
  EXECUTE outcome_lock_sql(format('(SELECT dossier_id FROM %s AS a UNION SELECT dossier_id FROM %s AS b)', old_rel, new_rel));
  EXECUTE outcome_rollups_add_sql('', outcome_decision_facts(old_rel, 'processes', -1)
    || ' UNION ALL ' || outcome_decision_facts(new_rel, 'processes', 1));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION outcome_rollups_retries_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched text := CASE TG_OP
    WHEN 'INSERT' THEN '(SELECT dossier_id FROM new_rows)'
    WHEN 'DELETE' THEN '(SELECT dossier_id FROM old_rows)'
    ELSE '(SELECT dossier_id FROM old_rows UNION SELECT dossier_id FROM new_rows)' END;
BEGIN
  EXECUTE outcome_lock_sql(touched);
  EXECUTE outcome_retry_refresh_sql(touched);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER outcome_rollups_processes_ins AFTER INSERT ON processes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollups_processes_trigger();
--> statement-breakpoint
CREATE TRIGGER outcome_rollups_processes_upd AFTER UPDATE ON processes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollups_processes_trigger();
--> statement-breakpoint
CREATE TRIGGER outcome_rollups_processes_del AFTER DELETE ON processes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollups_processes_trigger();
--> statement-breakpoint
CREATE TRIGGER outcome_rollups_decisions_ins AFTER INSERT ON decisions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollups_decisions_trigger();
--> statement-breakpoint
CREATE TRIGGER outcome_rollups_decisions_upd AFTER UPDATE ON decisions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollups_decisions_trigger();
--> statement-breakpoint
CREATE TRIGGER outcome_rollups_decisions_del AFTER DELETE ON decisions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollups_decisions_trigger();
--> statement-breakpoint
CREATE TRIGGER outcome_rollups_retries_ins AFTER INSERT ON retries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollups_retries_trigger();
--> statement-breakpoint
CREATE TRIGGER outcome_rollups_retries_upd AFTER UPDATE ON retries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollups_retries_trigger();
--> statement-breakpoint
CREATE TRIGGER outcome_rollups_retries_del AFTER DELETE ON retries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION outcome_rollups_retries_trigger();
--> statement-breakpoint
-- Recomputes every rollup from processes, decisions and retries with the triggers' own fact queries. Writers wait
-- (SHARE ROW EXCLUSIVE blocks inserts, updates and deletes, not reads) so nothing is counted twice or missed.
CREATE FUNCTION outcome_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE processes, decisions, retries IN SHARE ROW EXCLUSIVE MODE;
  DELETE FROM outcome_rollups;
  DELETE FROM outcome_retry_ledger;
  EXECUTE outcome_rollups_add_sql('', outcome_process_facts('processes', 1)
    || ' UNION ALL ' || outcome_decision_facts('decisions', 'processes', 1));
  EXECUTE outcome_retry_refresh_sql('(SELECT dossier_id FROM processes WHERE status = ''inconclusive'')');
END
$$;
--> statement-breakpoint
SELECT outcome_rollups_rebuild();
--> statement-breakpoint
-- The backlog's trend (GET /api/outcomes → backlog.trend): what the review backlog held, recorded by a scheduled job
-- (one instance, under a lease) once per hour slot; a later run in the same hour overwrites it. A day's figure is the
-- last slot of that local day.
CREATE TABLE "backlog_snapshots" (
	"at" timestamp with time zone PRIMARY KEY NOT NULL,
	"waiting" integer NOT NULL,
	"overdue" integer NOT NULL,
	"taken_at" timestamp with time zone NOT NULL
);
