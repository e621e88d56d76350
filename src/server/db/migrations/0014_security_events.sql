-- Failed sign-ins go to their own table with their own retention, not the hash-chained audit log (issue #15).
CREATE TABLE "security_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"username" text,
	"address" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);--> statement-breakpoint
CREATE INDEX "security_events_at_idx" ON "security_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "security_events_username_idx" ON "security_events" USING btree ("username","at");--> statement-breakpoint
-- Sign-in attempts from a browser holding a device cookie for the username are counted per device, not per address.
ALTER TABLE "login_attempts" ADD COLUMN "device" text;--> statement-breakpoint
CREATE INDEX "login_attempts_device_idx" ON "login_attempts" USING btree ("username","device","at");--> statement-breakpoint
-- Idle timeout: when the session was last used.
ALTER TABLE "sessions" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Server-side secrets shared by every instance (the device cookie's signing key), generated at first start.
CREATE TABLE "app_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- Periodic audit chain checkpoints: the head hash verified at a time (also written to the log).
CREATE TABLE "audit_checkpoints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"head_id" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"entries" bigint NOT NULL,
	"ok" boolean NOT NULL,
	"broken_at" bigint
);
