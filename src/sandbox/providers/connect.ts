/**
 * Connect (`connect`, no processType), contract §5.5: identity evidence from an eID login.
 * Elements idtoken, userInfo, error. Rule [A]: userInfo without error → accepted; error.code access_denied or
 * cancel → canceled; any other error → failed with failReason = error.code. Never rejected/inconclusive.
 */
import { countryByCode } from '../people';
import type { Derived, JsonObject, Person } from '../types';
import { abortFor, unknownScenario, type GenContext, type ProviderModule, type ProviderRun } from './types';

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  idp: string;
  acr: string;
}

export interface UserInfo {
  name: string;
  given_name: string;
  family_name: string;
  birthdate: string;
  nin: string;
  nin_type: string;
  nin_issuing_country: string;
}

export interface ConnectChecks {
  idtoken?: IdTokenClaims;
  userInfo?: UserInfo;
  error?: { code: string; description: string };
}

export function deriveConnect(checks: ConnectChecks): Derived {
  if (checks.error) {
    if (checks.error.code === 'access_denied' || checks.error.code === 'cancel')
      return { status: 'canceled' };
    return { status: 'failed', failReason: checks.error.code };
  }
  if (checks.userInfo) return { status: 'accepted' };
  return { status: 'failed', failReason: 'technicalError' }; // neither claims nor error [A]
}

const IDP: Record<string, { idp: string; ninType: string }> = {
  NOR: { idp: 'nbid', ninType: 'BIRTH_NUMBER' },
  SWE: { idp: 'sbid', ninType: 'PERSONAL_NUMBER' },
  DNK: { idp: 'mitid', ninType: 'CPR' },
  FIN: { idp: 'ftn', ninType: 'HETU' },
};

export function connectChecks(scenario: string, ctx: GenContext): ConnectChecks {
  const person: Person = ctx.person;
  const idp = IDP[person.issuingCountry] ?? { idp: 'nbid', ninType: 'BIRTH_NUMBER' };
  const iat = Math.floor(ctx.createdAtMs / 1000) + ctx.rng.int(20, 90);
  const idtoken: IdTokenClaims = {
    iss: 'https://sandbox.signicat.example/auth/open',
    sub: ctx.rng.hex(43),
    aud: ctx.clientId,
    iat,
    exp: iat + 600,
    idp: idp.idp,
    acr: ctx.rng.pick(['substantial', 'high']),
  };
  const userInfo: UserInfo = {
    name: `${person.firstName} ${person.lastName}`,
    given_name: person.firstName,
    family_name: person.lastName,
    birthdate: person.dateOfBirth,
    nin: person.personalNumber,
    nin_type: idp.ninType,
    nin_issuing_country: countryByCode(person.issuingCountry).alpha2,
  };
  switch (scenario) {
    case 'connect.accepted':
      return { idtoken, userInfo };
    case 'connect.canceled':
      return { error: { code: 'access_denied', description: 'The end-user cancelled the login.' } };
    case 'canceled':
      return { error: { code: 'cancel', description: 'The end-user cancelled the login.' } };
    case 'connect.error':
      return {
        error: { code: 'server_error', description: 'The identity provider is temporarily unavailable.' },
      };
    default: {
      // Generic failures are reported as the IdP error code, which becomes the failReason.
      const abort = abortFor(scenario);
      if (!abort || abort.status !== 'failed') throw unknownScenario('connect', scenario);
      return { error: { code: abort.failReason, description: `Login failed: ${abort.failReason}.` } };
    }
  }
}

function connectRun(checks: ConnectChecks, person: Person): ProviderRun {
  const elements = (): JsonObject => {
    const out: JsonObject = {};
    if (checks.idtoken) out.idtoken = { ...checks.idtoken };
    if (checks.userInfo) out.userInfo = { ...checks.userInfo };
    if (checks.error) out.error = { ...checks.error };
    return out;
  };
  return {
    derive: () => deriveConnect(checks),
    // The end-user is away at the identity provider while processing: nothing to show yet.
    providerSpecific: (stage) => (stage === 'processing' ? undefined : elements()),
    finalResult() {
      return {
        firstName: person.firstName,
        lastName: person.lastName,
        dateOfBirth: person.dateOfBirth,
        personalIdentificationNumber: person.personalNumber,
      };
    },
    rawFile: () => ({ name: 'connect.json', content: elements() }),
    depictions: () => [],
  };
}

export const connect: ProviderModule = {
  id: 'connect',
  processTypes: [],
  captureSupported: false, // Create process returns redirectUrl instead (contract §3)
  start(scenario, ctx) {
    return connectRun(connectChecks(scenario, ctx), ctx.person);
  },
};
