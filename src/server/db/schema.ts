import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  passwordChangedAt: ts('password_changed_at').notNull().defaultNow(),
  /** Set for users signed in through OpenID Connect (issue #20). */
  oidcIssuer: text('oidc_issuer'),
  oidcSubject: text('oidc_subject'),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value: a leaked table does not leak live sessions. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    /** Last use, for the idle timeout (SESSION_IDLE_MIN); written at most once a minute per session. */
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    /** How the user authenticated: pwd, otp, oidc (issue #20). */
    amr: text('amr')
      .array()
      .notNull()
      .default(sql`'{pwd}'`),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const dossiers = pgTable(
  'dossiers',
  {
    dossierId: text('dossier_id').primaryKey(),
    createdAt: ts('created_at'),
    updatedAt: ts('updated_at'),
    syncedAt: ts('synced_at').notNull().defaultNow(),
    deletedUpstream: boolean('deleted_upstream').notNull().default(false),
    /** The customer's own reference for the person, set when the dossier was created upstream (contract §9). */
    externalReference: text('external_reference'),
  },
  (t) => [
    index('dossiers_external_reference_idx')
      .using('gin', sql`desk_fold(${t.externalReference}) gin_trgm_ops`)
      .where(sql`external_reference IS NOT NULL`),
  ],
);

export const processes = pgTable(
  'processes',
  {
    processId: text('process_id').primaryKey(),
    dossierId: text('dossier_id').notNull(),
    provider: text('provider').notNull(),
    processType: text('process_type'),
    status: text('status').notNull(),
    isFinal: boolean('is_final').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    documentNumber: text('document_number'),
    documentCountry: text('document_country'),
    /** Lower-cased names, document number and ids, searched with a trigram index. */
    searchText: text('search_text').notNull().default(''),
    raw: jsonb('raw').notNull(),
    syncedAt: ts('synced_at').notNull().defaultNow(),
    /** Set by the instance that takes on the next upstream refresh, so viewers and instances share one call. */
    refreshClaimedAt: ts('refresh_claimed_at'),
    deletedUpstream: boolean('deleted_upstream').notNull().default(false),
    deletedAt: ts('deleted_at'),
    /** When the retention setting erased the personal data in `raw` and the name, document and search columns. */
    personalDataErasedAt: ts('personal_data_erased_at'),
    /** When the identity keys of this process were last written to identity_links (null: not yet, backfill). */
    identityKeysAt: ts('identity_keys_at'),
    /** ReadID: the device the session ran on (`describeDevice`), once the full result was opened; no identifier. */
    device: text('device'),
  },
  (t) => [
    index('processes_created_idx').on(t.createdAt.desc(), t.processId.desc()),
    index('processes_updated_idx').on(t.updatedAt.desc(), t.processId.desc()),
    index('processes_dossier_idx').on(t.dossierId, t.createdAt),
    index('processes_status_created_idx').on(t.status, t.createdAt.desc(), t.processId.desc()),
    index('processes_provider_created_idx').on(t.provider, t.createdAt.desc(), t.processId.desc()),
    index('processes_nonfinal_idx')
      .on(t.syncedAt)
      .where(sql`NOT is_final`),
    // Final processes whose personal data is still held: what retention looks through, without the erased ones.
    index('processes_erasable_idx')
      .on(t.updatedAt)
      .where(sql`is_final AND personal_data_erased_at IS NULL`),
    // Processes whose identity keys were never computed and still can be: what the link backfill looks through.
    index('processes_unlinked_idx')
      .on(t.processId)
      .where(sql`identity_keys_at IS NULL AND personal_data_erased_at IS NULL`),
  ],
);

export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    eventName: text('event_name').notNull(),
    processId: text('process_id'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    /** `resolved` once the event led to a process; `unresolved` when it led nowhere (logged, counted on /api/health). */
    outcome: text('outcome'),
  },
  (t) => [
    index('webhook_events_unresolved_idx')
      .on(t.receivedAt)
      .where(sql`outcome = 'unresolved'`),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    requestId: text('request_id'),
    details: jsonb('details').notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_target_idx').on(t.target, t.id), index('audit_actor_idx').on(t.actor, t.id)],
);

/** Time-limited leases that let several server instances share periodic sync work instead of repeating it. */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  until: ts('until').notNull(),
});

// --- Review, retries and settings (issue: review, retries, roles and audit) -----------------------------------

/** A reviewer's lock on a case, with an expiry, so two reviewers never work the same one. */
export const claims = pgTable('claims', {
  processId: text('process_id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  username: text('username').notNull(),
  claimedAt: ts('claimed_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
});

/** Review decisions. They never rewrite Assure's status; both are shown. One decision per process. */
export const decisions = pgTable(
  'decisions',
  {
    id: serial('id').primaryKey(),
    processId: text('process_id').notNull().unique(),
    dossierId: text('dossier_id').notNull(),
    outcome: text('outcome').notNull(),
    reasonCode: text('reason_code'),
    note: text('note').notNull().default(''),
    actor: text('actor').notNull(),
    decidedAt: ts('decided_at').notNull().defaultNow(),
    basedOnUpdatedAt: ts('based_on_updated_at'),
    /** `final`, or `pending_second_review` until a different reviewer confirms it (four-eyes). */
    state: text('state').notNull().default('final'),
    /** The author stated they compared the evidence themselves although a liveness, face or chip check failed. */
    acknowledgedFailedChecks: boolean('acknowledged_failed_checks').notNull().default(false),
    confirmedBy: text('confirmed_by'),
    confirmedAt: ts('confirmed_at'),
  },
  (t) => [index('decisions_decided_idx').on(t.decidedAt)],
);

export const reasonCodes = pgTable('reason_codes', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** The outcome the reason explains (`approve`, `reject`, `retry`); offered only with it, in `position` order. */
  outcome: text('outcome').notNull(),
  position: integer('position').notNull().default(0),
});

/** End-user retries started through Assure Desk; the idempotency key makes a repeat return the first result. */
export const retries = pgTable(
  'retries',
  {
    id: serial('id').primaryKey(),
    dossierId: text('dossier_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    actor: text('actor').notNull(),
    provider: text('provider').notNull(),
    processType: text('process_type'),
    /** pending while the upstream call is under way; created once Assure answered. */
    state: text('state').notNull(),
    processId: text('process_id'),
    url: text('url'),
    sourceProcessId: text('source_process_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('retries_dossier_idx').on(t.dossierId)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    address: text('address').notNull(),
    at: ts('at').notNull().defaultNow(),
    /** An attempt whose password is still being checked: it counts against its username, not yet its address. */
    pending: boolean('pending').notNull().default(false),
    /** The device cookie's id when the browser holds a valid one for this username: counted per device, not address. */
    device: text('device'),
  },
  (t) => [
    index('login_attempts_user_idx').on(t.username, t.at),
    index('login_attempts_addr_idx').on(t.address, t.at),
    index('login_attempts_device_idx').on(t.username, t.device, t.at),
  ],
);

/** Failed sign-ins and other security signals: kept apart from the audit log, with their own retention. */
export const securityEvents = pgTable(
  'security_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    kind: text('kind').notNull(),
    username: text('username'),
    address: text('address'),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [
    index('security_events_at_idx').on(t.at),
    index('security_events_username_idx').on(t.username, t.at),
  ],
);

/** Secrets generated at first start and shared by every instance (the device cookie's signing key). */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Periodic checkpoints of the audit chain: the head verified at a time (also written to the log). */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: ts('at').notNull().defaultNow(),
  headId: bigint('head_id', { mode: 'number' }).notNull(),
  headHash: text('head_hash').notNull(),
  entries: bigint('entries', { mode: 'number' }).notNull(),
  ok: boolean('ok').notNull(),
  brokenAt: bigint('broken_at', { mode: 'number' }),
});

// --- Cases (issue #13: review the person, not the attempt) ----------------------------------------------------

/**
 * One row per dossier: its case as `caseOf` (src/domain/cases.ts) computed it from the attempts, decisions and
 * retries, refreshed whenever one of those changes. Due time and overdue are computed from `waiting_since` in SQL,
 * against the review SLA setting, so a new SLA applies at once.
 */
export const cases = pgTable(
  'cases',
  {
    dossierId: text('dossier_id').primaryKey(),
    state: text('state').notNull(),
    /** The attempt the state is about (to review, accepted, running retry, decided). */
    processId: text('process_id'),
    attemptNumber: integer('attempt_number'),
    attempts: integer('attempts').notNull(),
    provider: text('provider'),
    providers: text('providers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    processType: text('process_type'),
    status: text('status'),
    /** The failed check behind an inconclusive attempt (its vendor name) and its words. */
    reason: text('reason'),
    reasonLabel: text('reason_label'),
    documentCountry: text('document_country'),
    waitingSince: ts('waiting_since'),
    /** The queue's order: due time for waiting cases, latest activity for the others. */
    sortAt: ts('sort_at').notNull(),
    decisionId: integer('decision_id'),
    assigneeId: integer('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    assignee: text('assignee'),
    assignedAt: ts('assigned_at'),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [
    index('cases_state_sort_idx').on(t.state, t.sortAt, t.dossierId),
    index('cases_assignee_idx').on(t.assigneeId, t.state),
  ],
);

// --- Linked identities (issue: linked identities and attempt diff) ------------------------------------------

/**
 * The link index: one keyed hash (HMAC-SHA-256 under LINK_KEY) per identity key of a process. Never a plain
 * identifier; kept when retention erases the process's personal data. `generation` is the key it was hashed with:
 * during a LINK_KEY rotation a process has rows at both the old and the new generation.
 */
export const identityLinks = pgTable(
  'identity_links',
  {
    generation: integer('generation').notNull(),
    keyHash: text('key_hash').notNull(),
    processId: text('process_id').notNull(),
    dossierId: text('dossier_id').notNull(),
    /** document | person | nationalId */
    kind: text('kind').notNull(),
  },
  (t) => [
    primaryKey({ name: 'identity_links_pk', columns: [t.generation, t.keyHash, t.processId] }),
    index('identity_links_process_idx').on(t.processId, t.generation),
  ],
);

/**
 * The generations of LINK_KEY, by fingerprint. A retired key is kept here (it is no secret once the index is
 * re-keyed: every hash is wrapped by the newer key), so a new identifier can be hashed through the whole chain.
 */
export const linkKeys = pgTable('link_keys', {
  generation: integer('generation').primaryKey(),
  fingerprint: text('fingerprint').notNull(),
  retiredKey: text('retired_key'),
  createdAt: ts('created_at').notNull().defaultNow(),
  /** When the index was fully re-keyed to this generation (null while re-keying). */
  rekeyedAt: ts('rekeyed_at'),
  rekeyTotal: integer('rekey_total').notNull().default(0),
  rekeyDone: integer('rekey_done').notNull().default(0),
  rekeyCursor: text('rekey_cursor'),
});

/** Keys shared legitimately (a test document) that must not link dossiers; by hash, like the index. */
export const linkExclusions = pgTable(
  'link_exclusions',
  {
    id: serial('id').primaryKey(),
    generation: integer('generation').notNull(),
    keyHash: text('key_hash').notNull(),
    kind: text('kind').notNull(),
    note: text('note').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('link_exclusions_key_uq').on(t.generation, t.keyHash)],
);

// --- Provider health and notifications (issue #19) ----------------------------------------------------------------

/** The sentinel's latest verdict per provider and process type ('' for processes without one). */
export const providerHealth = pgTable(
  'provider_health',
  {
    provider: text('provider').notNull(),
    processType: text('process_type').notNull().default(''),
    computedAt: ts('computed_at').notNull(),
    state: text('state').notNull(),
    window: jsonb('window').notNull(),
    baseline: jsonb('baseline').notNull(),
    reasons: jsonb('reasons').notNull().default([]),
    test: jsonb('test').notNull().default({}),
    /** Start of the current alert episode; null while not alerting. */
    alertSince: ts('alert_since'),
  },
  (t) => [primaryKey({ name: 'provider_health_pk', columns: [t.provider, t.processType] })],
);

/** When each scheduled job last completed. */
export const jobRuns = pgTable('job_runs', {
  name: text('name').primaryKey(),
  ranAt: ts('ran_at').notNull(),
  details: jsonb('details').notNull().default({}),
});

/** Outgoing notifications, one row per message and channel; (dedupeKey, channel) is unique. */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    channel: text('channel').notNull(),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    deliveredAt: ts('delivered_at'),
    gaveUpAt: ts('gave_up_at'),
    lastError: text('last_error'),
  },
  (t) => [
    unique('notification_outbox_dedupe').on(t.dedupeKey, t.channel),
    index('notification_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`delivered_at IS NULL AND gave_up_at IS NULL`),
  ],
);

// --- Second factor and single sign-on (issue #20) --------------------------------------------------------------

export const userMfa = pgTable('user_mfa', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  enrolledAt: ts('enrolled_at').notNull().defaultNow(),
  /** The TOTP time step of the last accepted code: a code of that step or an earlier one is refused. */
  lastStep: bigint('last_step', { mode: 'number' }),
});

export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);

/** A password accepted and a second factor still due: the SHA-256 of the token, and the secret being enrolled. */
export const mfaChallenges = pgTable(
  'mfa_challenges',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    enrolmentSecret: text('enrolment_secret'),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('mfa_challenges_user_idx').on(t.userId)],
);

/** An OpenID Connect sign-in under way: the SHA-256 of the browser's cookie value and what the callback must match. */
export const oidcLogins = pgTable('oidc_logins', {
  id: text('id').primaryKey(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to'),
  expiresAt: ts('expires_at').notNull(),
});
