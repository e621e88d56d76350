-- Second factor (TOTP) of local accounts, single-use recovery codes, pending sign-in challenges and OIDC (issue #20).
CREATE TABLE "user_mfa" (
	"user_id" integer PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"secret" text NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	-- The TOTP time step of the last accepted code: a code of that step or an earlier one is refused.
	"last_step" bigint
);--> statement-breakpoint
CREATE TABLE "mfa_recovery_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone
);--> statement-breakpoint
CREATE INDEX "mfa_recovery_codes_user_idx" ON "mfa_recovery_codes" USING btree ("user_id");--> statement-breakpoint
-- A password accepted, a second factor still due: the token's SHA-256, and the secret being enrolled if any.
CREATE TABLE "mfa_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"enrolment_secret" text,
	"expires_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE INDEX "mfa_challenges_user_idx" ON "mfa_challenges" USING btree ("user_id");--> statement-breakpoint
-- How the session's user authenticated: pwd, otp, oidc (RFC 8176 values).
ALTER TABLE "sessions" ADD COLUMN "amr" text[] DEFAULT '{pwd}' NOT NULL;--> statement-breakpoint
-- Users signed in through OpenID Connect: the issuer and subject they are known by.
ALTER TABLE "users" ADD COLUMN "oidc_issuer" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "oidc_subject" text;--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_idx" ON "users" USING btree ("oidc_issuer","oidc_subject") WHERE oidc_subject IS NOT NULL;
--> statement-breakpoint
-- An OpenID Connect sign-in under way: the SHA-256 of the browser's cookie value, and what the callback must match.
CREATE TABLE "oidc_logins" (
	"id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"return_to" text,
	"expires_at" timestamp with time zone NOT NULL
);
