-- Search that people can type: lower case, accents stripped, and letters that accent stripping leaves alone folded
-- (ø→o, æ→ae, ß→ss, ł→l, đ→d, ı→i, þ→th). The search text also holds the transliterations Nordic and German
-- spellings use (å→aa, ø→oe, æ→ae, ä→ae, ö→oe, ü→ue), so "Aasa" finds ÅSA as well as "Asa" does.
CREATE OR REPLACE FUNCTION desk_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_replace(normalize(translate(replace(replace(replace(replace(lower(t), 'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), 'þ', 'th'), 'øđðłıħŧ', 'oddliht'), NFKD), '[\u0300-\u036f]', '', 'g')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION desk_search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN alt = base THEN base ELSE base || ' ' || alt END
  FROM (
    SELECT desk_fold(t) AS base,
           desk_fold(replace(replace(replace(replace(replace(replace(lower(t), 'å', 'aa'), 'ø', 'oe'), 'æ', 'ae'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue')) AS alt
  ) AS f
$$;
--> statement-breakpoint
UPDATE "processes" SET "search_text" = desk_search_text(concat_ws(' ', "first_name", "last_name", "document_number", "process_id", "dossier_id"));
--> statement-breakpoint
CREATE TABLE "cases" (
	"dossier_id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"process_id" text,
	"attempt_number" integer,
	"attempts" integer NOT NULL,
	"provider" text,
	"providers" text[] DEFAULT '{}'::text[] NOT NULL,
	"process_type" text,
	"status" text,
	"reason" text,
	"reason_label" text,
	"document_country" text,
	"waiting_since" timestamp with time zone,
	"sort_at" timestamp with time zone NOT NULL,
	"decision_id" integer,
	"assignee_id" integer,
	"assignee" text,
	"assigned_at" timestamp with time zone,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "cases_state_sort_idx" ON "cases" USING btree ("state","sort_at","dossier_id");
--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id","state");
