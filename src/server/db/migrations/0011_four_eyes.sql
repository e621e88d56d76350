-- Issue 14: reason codes belong to an outcome (ordered per outcome); decisions may wait for a second reviewer.
ALTER TABLE "reason_codes" ADD COLUMN "outcome" text;
--> statement-breakpoint
ALTER TABLE "reason_codes" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE "reason_codes" SET "outcome" = CASE
  WHEN "code" = 'verified_manually' THEN 'approve'
  WHEN "code" IN ('poor_quality', 'retry_requested') THEN 'retry'
  ELSE 'reject' END;
--> statement-breakpoint
ALTER TABLE "reason_codes" ALTER COLUMN "outcome" SET NOT NULL;
--> statement-breakpoint
INSERT INTO "reason_codes" ("code", "label", "outcome") VALUES
  ('face_matches_document', 'Face matches the document photo', 'approve'),
  ('check_failure_explained', 'Failed check explained', 'approve'),
  ('document_expired', 'Document expired', 'reject'),
  ('capture_unreadable', 'Capture unreadable', 'retry'),
  ('other_retry', 'Other', 'retry'),
  ('other_approve', 'Other', 'approve')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
UPDATE "reason_codes" SET "position" = CASE "code"
  WHEN 'verified_manually' THEN 1 WHEN 'face_matches_document' THEN 2 WHEN 'check_failure_explained' THEN 3 WHEN 'other_approve' THEN 9
  WHEN 'suspected_fraud' THEN 1 WHEN 'identity_mismatch' THEN 2 WHEN 'document_invalid' THEN 3 WHEN 'document_expired' THEN 4 WHEN 'other' THEN 9
  WHEN 'poor_quality' THEN 1 WHEN 'capture_unreadable' THEN 2 WHEN 'retry_requested' THEN 3 WHEN 'other_retry' THEN 9
  ELSE 5 END;
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "state" text DEFAULT 'final' NOT NULL;
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "acknowledged_failed_checks" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "confirmed_by" text;
--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "confirmed_at" timestamp with time zone;
--> statement-breakpoint
INSERT INTO "settings" ("key", "value") VALUES ('fourEyes', '{"approveFailedChecks": true, "reject": false}'::jsonb) ON CONFLICT DO NOTHING;
