CREATE TABLE "identity_links" (
	"generation" integer NOT NULL,
	"key_hash" text NOT NULL,
	"process_id" text NOT NULL,
	"dossier_id" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "identity_links_pk" PRIMARY KEY("generation","key_hash","process_id")
);
--> statement-breakpoint
CREATE INDEX "identity_links_process_idx" ON "identity_links" USING btree ("process_id","generation");--> statement-breakpoint
CREATE TABLE "link_keys" (
	"generation" integer PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"retired_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rekeyed_at" timestamp with time zone,
	"rekey_total" integer DEFAULT 0 NOT NULL,
	"rekey_done" integer DEFAULT 0 NOT NULL,
	"rekey_cursor" text
);
--> statement-breakpoint
CREATE TABLE "link_exclusions" (
	"id" serial PRIMARY KEY NOT NULL,
	"generation" integer NOT NULL,
	"key_hash" text NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "link_exclusions_key_uq" UNIQUE("generation","key_hash")
);
--> statement-breakpoint
ALTER TABLE "processes" ADD COLUMN "identity_keys_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "processes_unlinked_idx" ON "processes" USING btree ("process_id") WHERE identity_keys_at IS NULL AND personal_data_erased_at IS NULL;
