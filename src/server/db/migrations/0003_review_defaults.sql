-- Default reason codes (admins can add more) and the default retry limit (2, as the vendor advises for ReadID).
INSERT INTO "reason_codes" ("code", "label") VALUES
  ('verified_manually', 'Verified manually'),
  ('document_invalid', 'Document invalid'),
  ('suspected_fraud', 'Suspected fraud'),
  ('identity_mismatch', 'Identity mismatch'),
  ('poor_quality', 'Poor quality'),
  ('retry_requested', 'Retry requested'),
  ('other', 'Other')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "settings" ("key", "value") VALUES ('retryLimit', '2'::jsonb) ON CONFLICT DO NOTHING;
