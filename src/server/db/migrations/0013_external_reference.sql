ALTER TABLE "dossiers" ADD COLUMN "external_reference" text;--> statement-breakpoint
CREATE INDEX "dossiers_external_reference_idx" ON "dossiers" USING gin (desk_fold("external_reference") gin_trgm_ops) WHERE external_reference IS NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "outcome" text;--> statement-breakpoint
CREATE INDEX "webhook_events_unresolved_idx" ON "webhook_events" USING btree ("received_at") WHERE outcome = 'unresolved';
