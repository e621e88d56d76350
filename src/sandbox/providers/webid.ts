/**
 * WebID (`webid`: videoid, accountid), contract §5.6.
 * Element identResponse (payMoneyTransferResponse omitted by default). Rule: successful → accepted,
 * rejected → rejected, mismatch → inconclusive [D]; canceled → canceled, expired → failed/timeout [A].
 * The zip becomes downloadable later (store.ts, `webid.zip.ready`).
 */
import { isoSeconds } from '../clock';
import type { Depiction, Derived, JsonObject, Person } from '../types';
import { documentFinalResult, documentSides } from './document-holder';
import {
  abortFor,
  abortedRun,
  unknownScenario,
  type GenContext,
  type ProviderModule,
  type ProviderRun,
} from './types';

export type IdentResult = 'successful' | 'rejected' | 'mismatch' | 'canceled' | 'expired';

export interface IdentResponse {
  transactionId: string;
  result: IdentResult;
  reason?: string;
  identMethod: string;
  user?: { firstName: string; lastName: string; dateOfBirth: string; nationality: string };
  idDocument?: { type: string; number: string; issuingCountry: string; dateOfExpiry: string };
}

export interface WebIdChecks {
  identResponse: IdentResponse;
}

export function deriveWebId(checks: WebIdChecks): Derived {
  switch (checks.identResponse.result) {
    case 'successful':
      return { status: 'accepted' };
    case 'rejected':
      return { status: 'rejected' };
    case 'mismatch':
      return { status: 'inconclusive' };
    case 'canceled':
      return { status: 'canceled' };
    case 'expired':
      return { status: 'failed', failReason: 'timeout' };
  }
}

export function webIdChecks(scenario: string, ctx: GenContext): WebIdChecks {
  const person: Person = ctx.person;
  const transactionId = `${ctx.rng.letters(3)}-${ctx.rng.letters(3)}-${ctx.rng.letters(3)}`;
  const processType = ctx.processType ?? 'videoid';
  const identMethod = processType === 'accountid' && ctx.rng.bool(0.2) ? 'videoid' : processType; // accountid may fall back
  const user = {
    firstName: person.firstName,
    lastName: person.lastName,
    dateOfBirth: person.dateOfBirth,
    nationality: person.nationality,
  };
  const idDocument = {
    type: person.documentType,
    number: person.documentNumber,
    issuingCountry: person.issuingCountry,
    dateOfExpiry: person.dateOfExpiry,
  };
  const base = { transactionId, identMethod };
  switch (scenario) {
    case 'webid.successful':
      return { identResponse: { ...base, result: 'successful', user, idDocument } };
    case 'webid.mismatch':
      return {
        identResponse: {
          ...base,
          result: 'mismatch',
          reason: ctx.rng.pick([
            'Name on the document differs from the registration data',
            'Date of birth differs from the registration data',
          ]),
          user,
          idDocument,
        },
      };
    case 'webid.rejected':
      return {
        identResponse: {
          ...base,
          result: 'rejected',
          reason: ctx.rng.pick([
            'Document security features missing',
            'Person does not match the document photo',
          ]),
          user,
          idDocument,
        },
      };
    case 'webid.canceled':
    case 'canceled':
      return { identResponse: { ...base, result: 'canceled', reason: 'Canceled by the end-user' } };
    case 'webid.expired':
    case 'failed.timeout':
      return { identResponse: { ...base, result: 'expired', reason: 'Ident not completed in time' } };
    default:
      throw unknownScenario('webid', scenario);
  }
}

function webIdRun(ctx: GenContext, checks: WebIdChecks): ProviderRun {
  const { person } = ctx;
  const ident = checks.identResponse;
  const agent = `webid-agent-${ctx.rng.int(1, 60)}`;
  const element = (): JsonObject => {
    const out: JsonObject = { transactionId: ident.transactionId, result: ident.result };
    if (ident.reason) out.reason = ident.reason;
    out.identMethod = ident.identMethod;
    if (ident.user) out.user = { ...ident.user };
    if (ident.idDocument) out.idDocument = { ...ident.idDocument };
    return out;
  };
  const withResult =
    ident.result === 'successful' || ident.result === 'rejected' || ident.result === 'mismatch';
  return {
    derive: () => deriveWebId(checks),
    providerSpecific(stage) {
      if (stage === 'processing')
        return { identResponse: { transactionId: ident.transactionId, identMethod: ident.identMethod } };
      return { identResponse: element() };
    },
    finalResult() {
      return documentFinalResult(person);
    },
    rawFile: () => ({
      name: 'webid.json',
      content: {
        transactionId: ident.transactionId,
        identStatus: ident.result.toUpperCase(),
        reason: ident.reason ?? null,
        method: ident.identMethod,
        agent,
        createdAt: isoSeconds(ctx.createdAtMs),
        userData: ident.user ? { ...ident.user, gender: person.gender } : null,
        identificationDocument: ident.idDocument
          ? {
              ...ident.idDocument,
              dateOfIssue: person.dateOfIssue,
              issuingAuthority: person.issuingAuthority,
            }
          : null,
      },
    }),
    depictions(): Depiction[] {
      return withResult ? [...documentSides(person), 'selfie'] : [];
    },
  };
}

export const webid: ProviderModule = {
  id: 'webid',
  processTypes: ['videoid', 'accountid'],
  captureSupported: false, // Create process returns redirectUrl instead (contract §3)
  start(scenario, ctx) {
    const abort = abortFor(scenario);
    if (abort && scenario !== 'canceled' && scenario !== 'failed.timeout') {
      return abortedRun(abort, { name: 'webid.json', content: {} });
    }
    return webIdRun(ctx, webIdChecks(scenario, ctx));
  },
};
