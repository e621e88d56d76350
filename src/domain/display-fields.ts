// The few identity fields the processes list shows and searches, picked from wherever a provider puts them.
type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export interface DisplayFields {
  firstName?: string;
  lastName?: string;
  documentNumber?: string;
  documentCountry?: string;
  dateOfBirth?: string;
}

function element(ps: Dict, ...names: string[]): Dict | undefined {
  for (const name of names) {
    if (isDict(ps[name])) return ps[name];
    // ReadID may wrap its elements in one `session` element (contract §5.1).
    if (isDict(ps.session) && isDict(ps.session[name])) return ps.session[name];
  }
  return undefined;
}

/** Candidate sources, most authoritative first: the normalised final result, then each provider's own data. */
function sources(process: Dict): Dict[] {
  const out: Dict[] = [];
  if (isDict(process.finalResult)) out.push(process.finalResult);
  const ps = isDict(process.providerSpecific) ? process.providerSpecific : {};
  const push = (d: Dict | undefined) => d && out.push(d);
  push(element(ps, 'consolidatedIdentityData'));
  push(element(ps, 'documentContent'));
  push(element(ps, 'mrz'));
  push(element(ps, 'features'));
  const ident = element(ps, 'identResponse');
  if (ident) {
    const user = isDict(ident.user) ? ident.user : {};
    const doc = isDict(ident.idDocument) ? ident.idDocument : {};
    out.push({ ...user, documentNumber: doc.number, issuingCountry: doc.issuingCountry });
  }
  const info = element(ps, 'userInfo');
  if (info) {
    out.push({
      firstName: info.given_name,
      lastName: info.family_name,
      dateOfBirth: info.birthdate,
      issuingCountry: info.nin_issuing_country,
    });
  }
  return out;
}

export function displayFields(process: unknown): DisplayFields {
  if (!isDict(process)) return {};
  const all = sources(process);
  const pick = (...keys: string[]) => {
    for (const s of all) for (const k of keys) if (str(s[k])) return str(s[k]);
    return undefined;
  };
  return {
    firstName: pick('firstName'),
    lastName: pick('lastName'),
    documentNumber: pick('documentNumber'),
    documentCountry: pick('issuingCountry', 'nationality'),
    dateOfBirth: pick('dateOfBirth'),
  };
}
