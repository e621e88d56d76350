/**
 * Vendor variants (contract §9 "Corrections from public clients"): ways in which the real service may answer that
 * differ from the sandbox's default reading of the contract. All off by default; switched through
 * POST /sandbox/variants (partial update), control.setVariants(), or SANDBOX_VARIANTS (comma-separated names,
 * `captureAnswer=id`, or `all`). Each one exists so that a tolerance of the client can be tested over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Json, JsonObject } from './types';

export const CAPTURE_ANSWERS = ['processId', 'id', 'urlOnly'] as const;

export const variantsPatchSchema = z
  .object({
    /** Optional fields written as explicit `null` (Jackson style): processType, providerSpecific, finalResult, failReason, element fields, externalReference. */
    explicitNulls: z.boolean(),
    /** `failReason` as an object `{code, message}` instead of a string. */
    failReasonObject: z.boolean(),
    /** `failReason` as an array of `{code, message}` objects. */
    failReasonArray: z.boolean(),
    /** Processes that end `rejected` report the status `not_matched` (an enum value of a public client). */
    notMatched: z.boolean(),
    /** Final processes without a result verdict of `accepted` carry `providerSpecific.errors`, a list of mixed shapes. */
    providerErrors: z.boolean(),
    /** Events carry only `processId` (+ the dossier's `externalReference` when it has one), no `dossierId`. */
    eventsWithoutDossierId: z.boolean(),
    /** Event signatures in base64 instead of lowercase hex. */
    base64Signatures: z.boolean(),
    /** Create process answers carry an SDK `authorization` token (a credential the client must never keep). */
    sdkAuthorization: z.boolean(),
    /** Start capture answers `{processId, url}` (default), `{id, url}`, or `{url}` only. */
    captureAnswer: z.enum(CAPTURE_ANSWERS),
    /** Fields and elements no contract names: a top-level `assuranceLevel` and a `deviceIntel` element. */
    unknownFields: z.boolean(),
  })
  .partial()
  .strict();

export type VariantsPatch = z.input<typeof variantsPatchSchema>;
export type Variants = Required<z.output<typeof variantsPatchSchema>>;

export const NO_VARIANTS: Variants = {
  explicitNulls: false,
  failReasonObject: false,
  failReasonArray: false,
  notMatched: false,
  providerErrors: false,
  eventsWithoutDossierId: false,
  base64Signatures: false,
  sdkAuthorization: false,
  captureAnswer: 'processId',
  unknownFields: false,
};

/** Every variant on (capture answers with `{url}` only, the hardest case). */
export const ALL_VARIANTS: Variants = {
  explicitNulls: true,
  failReasonObject: true,
  failReasonArray: false,
  notMatched: true,
  providerErrors: true,
  eventsWithoutDossierId: true,
  base64Signatures: true,
  sdkAuthorization: true,
  captureAnswer: 'urlOnly',
  unknownFields: true,
};

/** Parses SANDBOX_VARIANTS: `all`, or comma-separated names (`explicitNulls,notMatched,captureAnswer=id`). */
export function parseVariantsEnv(value: string | undefined): Variants {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'none') return { ...NO_VARIANTS };
  if (text === 'all') return { ...ALL_VARIANTS };
  const patch: Record<string, unknown> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, setting] = part.split('=', 2) as [string, string | undefined];
    patch[name] =
      setting === undefined ? true : setting === 'true' ? true : setting === 'false' ? false : setting;
  }
  const parsed = variantsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `SANDBOX_VARIANTS: ${issue.path.join('.') || 'value'}: ${issue.message} (names: all, ${Object.keys(NO_VARIANTS).join(', ')})`,
    );
  }
  return { ...NO_VARIANTS, ...parsed.data };
}

export class VariantState {
  private current: Variants;

  constructor(initial: Variants = NO_VARIANTS) {
    this.current = { ...initial };
  }

  get(): Variants {
    return { ...this.current };
  }

  set(patch: VariantsPatch): Variants {
    this.current = { ...this.current, ...variantsPatchSchema.parse(patch) };
    return this.get();
  }

  reset(): Variants {
    this.current = { ...NO_VARIANTS };
    return this.get();
  }

  /** The status as the variant reports it (`rejected` → `not_matched`). */
  status(status: string): string {
    return this.current.notMatched && status === 'rejected' ? 'not_matched' : status;
  }

  /** A Get process view as the variants shape it. */
  process(view: JsonObject): JsonObject {
    const v = this.current;
    const out: JsonObject = { ...view };
    if (typeof out.status === 'string') out.status = this.status(out.status);
    const failReason = out.failReason;
    if (typeof failReason === 'string') {
      const item: JsonObject = {
        code: failReason,
        message: FAIL_MESSAGES[failReason] ?? 'The verification failed.',
      };
      if (v.failReasonArray) out.failReason = [item];
      else if (v.failReasonObject) out.failReason = item;
    }
    const final = !['pending', 'processing'].includes(String(view.status));
    if (v.providerErrors && final && view.status !== 'accepted' && isObject(out.providerSpecific)) {
      out.providerSpecific = {
        ...out.providerSpecific,
        errors: [
          {
            code: 'DOCUMENT_CHECK_FAILED',
            message: 'One or more document checks did not pass.',
            field: 'documentNumber',
          },
          'Image quality too low on the back side',
        ],
      };
    }
    if (v.unknownFields) {
      out.assuranceLevel = 'substantial';
      if (isObject(out.providerSpecific))
        out.providerSpecific = { ...out.providerSpecific, deviceIntel: { riskScore: 12, emulator: false } };
    }
    if (v.explicitNulls) {
      for (const key of ['processType', 'providerSpecific', 'finalResult', 'failReason'])
        if (!(key in out)) out[key] = null;
      if (isObject(out.providerSpecific)) {
        out.providerSpecific = Object.fromEntries(
          Object.entries(out.providerSpecific).map(([name, element]) => [
            name,
            isObject(element) ? { ...emptyToNull(element), comment: null } : element,
          ]),
        );
      }
    }
    return out;
  }

  /** A dossier view as the variants shape it. */
  dossier(view: JsonObject): JsonObject {
    const out: JsonObject = { ...view };
    if (this.current.explicitNulls && !('externalReference' in out)) out.externalReference = null;
    if (Array.isArray(out.processes)) {
      out.processes = out.processes.map((s) =>
        isObject(s) && typeof s.status === 'string' ? { ...s, status: this.status(s.status) } : s,
      );
    }
    return out;
  }

  /** The Create process answer, with an SDK token when asked for. */
  created(view: JsonObject): JsonObject {
    const out = this.process(view);
    if (this.current.sdkAuthorization) out.authorization = `sdk_${randomBytes(24).toString('base64url')}`;
    return out;
  }

  /** The Start capture answer. */
  capture(processId: string, url: string): JsonObject {
    switch (this.current.captureAnswer) {
      case 'id':
        return { id: processId, url };
      case 'urlOnly':
        return { url };
      default:
        return { processId, url };
    }
  }
}

const FAIL_MESSAGES: Record<string, string> = {
  timeout: 'The end-user was inactive for too long.',
  cameraAccessDenied: 'Camera access was denied.',
  userAborted: 'The end-user left the flow.',
  technicalError: 'A technical error occurred.',
  documentNotSupported: 'The document is not supported.',
  chipReadFailed: 'The chip could not be read.',
};

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function emptyToNull(element: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(element).map(([k, v]) => [k, v === '' ? null : v]));
}
