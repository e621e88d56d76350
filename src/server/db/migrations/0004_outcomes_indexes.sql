-- Outcomes dashboard (issue #9): one narrow covering index for its aggregates. Every column they read from
-- processes (except raw, for failReason of failed ones) is in it, so a period's figures are an index-only range scan
-- instead of a read of the wide rows (names, search text, raw JSON). status and updated_at are already indexed
-- elsewhere, so including them costs no HOT updates that were possible before.
CREATE INDEX IF NOT EXISTS "processes_outcomes_idx" ON "processes" USING btree ("created_at")
  INCLUDE ("process_id", "dossier_id", "provider", "process_type", "status", "is_final", "document_country", "updated_at");
