-- Provider-level copies of the outcome rollups' largest measures, so that the dashboard's usual view (no process-type or
-- country filter) reads a quarter or less of the rows, and a number that stops growing with the number of processes
-- (GET /api/outcomes within 1.5× at 10,000,000 processes of its time at 1,000,000): the duration histograms gain
-- buckets as the data grows (a long tail of rare durations), once per process type and country each.
--   ttf_p                                   ttf by provider only (process_type and country NULL)
--   ttd_p:created / ttd_p:decided           ttd:* by provider only
--   decision_p:created / decision_p:decided decision:* by provider only
-- Kept by the same triggers from the same facts (migration 0017's functions, redefined here) and rebuilt with the rest;
-- src/server/db/outcome-rollups.ts reads them when the query has no process-type or country filter.
CREATE OR REPLACE FUNCTION outcome_process_facts(rel text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    SELECT %2$s AS sign, p.created_at AS at, m.measure,
      CASE m.measure WHEN 'total' THEN '' ELSE p.provider END AS provider,
      CASE WHEN m.measure IN ('total', 'ttf_p') THEN NULL ELSE p.process_type END AS process_type,
      CASE WHEN m.measure IN ('total', 'ttf_p') THEN NULL ELSE p.document_country END AS country,
      m.key, m.final, NULL::text AS actor, NULL::text AS outcome, NULL::text AS reason_code
    FROM %1$s p
    CROSS JOIN LATERAL (SELECT outcome_ms_bucket(date_part('epoch', p.updated_at - p.created_at) * 1000)::text) AS t(ttf)
    CROSS JOIN LATERAL (VALUES
      ('status', p.status, p.is_final),
      ('total', p.status, p.is_final),
      ('ttf', t.ttf, NULL::boolean),
      ('ttf_p', t.ttf, NULL::boolean),
      ('fail', p.raw->>'failReason', NULL::boolean)
    ) AS m(measure, key, final)
    WHERE m.measure IN ('status', 'total') OR (m.measure IN ('ttf', 'ttf_p') AND p.is_final)
      OR (m.measure = 'fail' AND p.status = 'failed')
  $f$, rel, sign)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION outcome_decision_facts(drel text, prel text, sign integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($f$
    SELECT %3$s AS sign, CASE b.basis WHEN 'created' THEN p.created_at ELSE d.decided_at END AS at,
      m.measure || ':' || b.basis AS measure, p.provider,
      CASE WHEN m.split THEN p.process_type END AS process_type,
      CASE WHEN m.split THEN p.document_country END AS country, m.key,
      NULL::boolean AS final, m.actor, m.outcome, m.reason_code
    FROM %1$s d JOIN %2$s p ON p.process_id = d.process_id
    CROSS JOIN LATERAL (SELECT outcome_ms_bucket(date_part('epoch', d.decided_at - p.updated_at) * 1000)::text) AS t(ttd)
    CROSS JOIN (VALUES ('created'), ('decided')) AS b(basis)
    CROSS JOIN LATERAL (VALUES
      ('decision', NULL::text, d.actor, d.outcome, d.reason_code, true),
      ('decision_p', NULL::text, d.actor, d.outcome, d.reason_code, false),
      ('ttd', t.ttd, NULL, NULL, NULL, true),
      ('ttd_p', t.ttd, NULL, NULL, NULL, false)
    ) AS m(measure, key, actor, outcome, reason_code, split)
    WHERE m.measure IN ('decision', 'decision_p') OR p.status = 'inconclusive'
  $f$, drel, prel, sign)
$$;
--> statement-breakpoint
-- The copies of what is stored, summed over process type and country (exactly what the facts above add from now on),
-- written in the order of the key so that a period's rows lie together; writers wait meanwhile, so nothing is counted
-- twice or missed. Then fresh statistics, for the planner to see the new rows before autovacuum would.
LOCK TABLE processes, decisions, retries IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
INSERT INTO outcome_rollups (zone, grain, day, measure, provider, process_type, country, key, final, actor, outcome,
  reason_code, n)
SELECT zone, grain, day,
  CASE measure WHEN 'ttf' THEN 'ttf_p' ELSE split_part(measure, ':', 1) || '_p:' || split_part(measure, ':', 2) END,
  provider, NULL, NULL, key, final, actor, outcome, reason_code, sum(n)::integer
FROM outcome_rollups
WHERE measure IN ('ttf', 'ttd:created', 'ttd:decided', 'decision:created', 'decision:decided')
GROUP BY zone, grain, day, measure, provider, key, final, actor, outcome, reason_code
HAVING sum(n) <> 0
ORDER BY zone, 4, grain, day, provider, key, final, actor, outcome, reason_code;
--> statement-breakpoint
ANALYZE outcome_rollups;
