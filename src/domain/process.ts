import { z } from 'zod/mini';

// The Get process response (contract §4, corrected by §9). Tolerant by design: unknown fields, providers and enum
// values pass through so they can be shown as "not recognised"; only the fields every response has are required.
// The vendor's service writes explicit nulls (§9): a null optional field is an absent one, here and in elements.

/** Fields of a process answer that are credentials, never kept (§9: the SDK `authorization` token of Create process). */
export const CREDENTIAL_FIELDS: readonly string[] = ['authorization'];

/** A `failReason` as the vendor may send it (§9): a string, an object or an array. */
export const failReasonValueSchema = z.union([
  z.string(),
  z.record(z.string(), z.unknown()),
  z.array(z.unknown()),
]);
export type FailReasonValue = z.infer<typeof failReasonValueSchema>;

/** Drops null-valued keys of an object, at any depth of objects (arrays keep their items). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (isPlainObject(item) ? withoutNulls(item) : item));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (v === null ? [] : [[k, withoutNulls(v)]])),
  );
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A process answer with nulls read as absent and credentials dropped, before the schema sees it. */
export function normaliseProcessInput(input: unknown): unknown {
  if (!isPlainObject(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || CREDENTIAL_FIELDS.includes(key)) continue;
    out[key] = key === 'providerSpecific' || key === 'finalResult' ? withoutNulls(value) : value;
  }
  return out;
}

const processObjectSchema = z.looseObject({
  processId: z.string().check(z.minLength(1)),
  provider: z.string().check(z.minLength(1)),
  status: z.string().check(z.minLength(1)),
  processType: z.optional(z.string()),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  providerSpecific: z.optional(z.record(z.string(), z.unknown())),
  finalResult: z.optional(z.record(z.string(), z.unknown())),
  failReason: z.optional(failReasonValueSchema),
});

export const processSchema = z.pipe(z.transform(normaliseProcessInput), processObjectSchema);
export type AssureProcess = z.infer<typeof processObjectSchema>;
