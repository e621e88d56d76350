import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityKeys } from '@domain/identity-keys';
import type { LinkItem } from '@domain/links-api';
import { ROLES, type Role } from '@domain/policy';
import type { AssureProcess } from '@domain/process';
import { verifyAuditChain } from '../audit/audit';
import { query } from '../db/client';
import { findLinks } from '../db/links';
import { upsertProcess } from '../db/processes';
import { decisions } from '../db/schema';
import { createLogger } from '../lib/logger';
import { erasePersonalDataPastRetention } from '../retention/retention';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import {
  startTestServer,
  TEST_LINK_KEY,
  type TestClient,
  type TestServer,
} from '../../../test-support/test-server';
import { fingerprint, keyBytes, LinkKeyring } from './keyring';
import { LinkIndex, LinkKeyMismatchError } from './link-index';

interface Person {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  documentNumber: string;
  issuingCountry: string;
  personalIdentificationNumber?: string;
}

let counter = 0;
/** A final Get process answer carrying `person` in its finalResult, created `daysAgo` days ago. */
function answer(
  person: Partial<Person>,
  opts: { provider?: string; status?: string; daysAgo?: number } = {},
): AssureProcess {
  counter++;
  const at = new Date(Date.now() - (opts.daysAgo ?? 0) * 86_400_000 + counter * 1000).toISOString();
  return {
    processId: randomUUID(),
    provider: opts.provider ?? 'readid',
    status: opts.status ?? 'accepted',
    processType: 'nfc',
    createdAt: at,
    updatedAt: at,
    finalResult: { documentType: 'passport', dateOfExpiry: '2031-01-01', ...person },
  };
}

const ION: Person = {
  firstName: 'ION',
  lastName: 'BĂLĂNESCU',
  dateOfBirth: '1985-03-02',
  documentNumber: '05123456',
  issuingCountry: 'ROU',
  personalIdentificationNumber: '1850302123456',
};

let people = 0;
/** A person of their own (name, date of birth, numbers), so that tests sharing a database do not link by accident. */
function someone(): Person {
  people++;
  const letters = String(people)
    .split('')
    .map((d) => 'ABCDEFGHIJ'[Number(d)])
    .join('');
  return {
    firstName: `Ana${letters}`,
    lastName: `Lien${letters}`,
    dateOfBirth: `19${String(10 + people).slice(-2)}-01-0${(people % 9) + 1}`,
    documentNumber: `DOC${people}X`,
    issuingCountry: 'NOR',
    personalIdentificationNumber: `PIN${people}X`,
  };
}

describe('LinkKeyring', () => {
  const ring = (...keys: string[]) => new LinkKeyring(keys.map(keyBytes), 0);

  it('the same input gives the same key; another LINK_KEY another key; another input another key', () => {
    const a = ring('a'.repeat(32));
    expect(a.hash('document|ROU|05123456')).toBe(a.hash('document|ROU|05123456'));
    expect(a.hash('document|ROU|05123456')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ring('b'.repeat(32)).hash('document|ROU|05123456')).not.toBe(a.hash('document|ROU|05123456'));
    expect(a.hash('document|ROU|05123457')).not.toBe(a.hash('document|ROU|05123456'));
  });

  it('a re-keyed hash equals the hash computed through the new generation', () => {
    const r = ring('a'.repeat(32), 'b'.repeat(32));
    const old = r.hash('person|1985-03-02|BALANESCU ION', 0);
    expect(r.wrap(old, 1)).toBe(r.hash('person|1985-03-02|BALANESCU ION', 1));
    expect(r.hash('person|1985-03-02|BALANESCU ION', 1)).not.toBe(old);
  });

  it('fingerprints tell keys apart without revealing them', () => {
    expect(fingerprint(keyBytes('a'.repeat(32)))).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(keyBytes('a'.repeat(32)))).not.toBe(fingerprint(keyBytes('b'.repeat(32))));
  });
});

describe.each(DB_KINDS)('linked identities on %s', (kind) => {
  let server: TestServer;
  let skip = false;
  const as: Partial<Record<Role, TestClient>> = {};

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind });
    for (const role of ROLES) as[role] = await server.login(role);
  });
  afterAll(async () => server?.close());

  const db = () => server.deps.database.db;
  const links = () => server.deps.links;
  /** Indexes an answer the way sync does: stored, and its keys written to the link index. */
  async function index(dossierId: string, p: AssureProcess) {
    await upsertProcess(db(), dossierId, p, links());
    return p;
  }
  const linksOf = async (role: Role, processId: string) => {
    const res = await as[role]!.json<{ items: LinkItem[] }>('GET', `/api/processes/${processId}/links`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  it('two dossiers sharing a document number with different names link as "document"; the manager sees no name or number', async (ctx) => {
    if (skip) return ctx.skip();
    const first = await index(`d-${randomUUID()}`, answer(ION, { daysAgo: 40 }));
    const second = await index(
      `d-${randomUUID()}`,
      answer({
        ...ION,
        firstName: 'Ioana',
        lastName: 'Popescu',
        dateOfBirth: '1990-07-07',
        personalIdentificationNumber: undefined,
      }),
    );
    const unrelated = await index(
      `d-${randomUUID()}`,
      answer({
        firstName: 'Kari',
        lastName: 'Hansen',
        dateOfBirth: '1990-05-17',
        documentNumber: 'NO999',
        issuingCountry: 'NOR',
      }),
    );

    const seen = await linksOf('reviewer', second.processId);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      processId: first.processId,
      matchedOn: ['document'],
      status: 'accepted',
      decision: null,
      name: 'ION BĂLĂNESCU',
    });
    expect((await linksOf('reviewer', first.processId)).map((l) => l.processId)).toEqual([second.processId]);
    expect(await linksOf('reviewer', unrelated.processId)).toEqual([]);

    const managers = await as.manager!.json<{ items: LinkItem[] }>(
      'GET',
      `/api/processes/${second.processId}/links`,
    );
    expect(managers.body.items).toHaveLength(1);
    expect(managers.body.items[0]).toMatchObject({
      processId: first.processId,
      matchedOn: ['document'],
      name: null,
    });
    const text = JSON.stringify(managers.body);
    for (const value of [
      ION.firstName,
      'BĂLĂNESCU',
      'BALANESCU',
      ION.documentNumber,
      ION.dateOfBirth,
      ION.personalIdentificationNumber!,
    ]) {
      expect(text).not.toContain(value);
    }
  });

  it('links the same person on a new document, spelled differently, and an eID login by national number', async (ctx) => {
    if (skip) return ctx.skip();
    const person = {
      ...ION,
      documentNumber: '77000001',
      personalIdentificationNumber: '1850302999999',
      lastName: 'Bălănescu-Marin',
    };
    const a = await index(`d-${randomUUID()}`, answer(person));
    const b = await index(
      `d-${randomUUID()}`,
      answer({ ...person, lastName: 'BALANESCU MARIN', documentNumber: '77000002' }, { provider: 'onfido' }),
    );
    const login = await index(`d-${randomUUID()}`, {
      processId: randomUUID(),
      provider: 'connect',
      status: 'accepted',
      createdAt: new Date().toISOString(),
      providerSpecific: {
        userInfo: {
          given_name: 'Ana',
          family_name: 'Other',
          birthdate: '1970-01-01',
          nin: '1850302-999999',
          nin_issuing_country: 'RO',
        },
      },
    });
    const fromB = await linksOf('reviewer', b.processId);
    expect(fromB.find((l) => l.processId === a.processId)?.matchedOn).toEqual(['person', 'nationalId']);
    expect(fromB.find((l) => l.processId === login.processId)?.matchedOn).toEqual(['nationalId']);
  });

  it('the link survives the retention job that erases the first dossier; the index never holds a plain identifier', async (ctx) => {
    if (skip) return ctx.skip();
    const doc = {
      ...ION,
      lastName: 'BĂLĂNESCU-RX',
      documentNumber: 'RX-555111',
      personalIdentificationNumber: '2900101555111',
    };
    const erasedDossier = `d-${randomUUID()}`;
    const old = await index(erasedDossier, answer(doc, { daysAgo: 100 }));
    await db().execute(
      sql`UPDATE processes SET updated_at = now() - interval '100 days' WHERE process_id = ${old.processId}`,
    );
    await as.admin!.json('PUT', '/api/settings/retention', { personalDataRetentionDays: 30 });
    try {
      const { erased } = await erasePersonalDataPastRetention(db());
      expect(erased).toBeGreaterThan(0);
    } finally {
      await as.admin!.json('PUT', '/api/settings/retention', { personalDataRetentionDays: 0 });
    }
    const erasedRow = await query<{ raw: unknown; document_number: string | null }>(
      db(),
      sql`SELECT raw, document_number FROM processes WHERE process_id = ${old.processId}`,
    );
    expect(JSON.stringify(erasedRow[0]!.raw)).not.toContain('555111');
    expect(erasedRow[0]!.document_number).toBeNull();

    // A sync after erasure (Assure still holds the data) neither writes it back nor drops the keys.
    await index(erasedDossier, old);
    const later = await index(
      `d-${randomUUID()}`,
      answer({ ...doc, firstName: 'Someone', lastName: 'Else' }),
    );
    const found = await linksOf('reviewer', later.processId);
    expect(found.find((l) => l.processId === old.processId)).toMatchObject({
      matchedOn: ['document', 'nationalId'],
      personalDataErased: true,
      name: null,
    });

    // Scan every text of the link tables for any identifier or name, plain or normalised, of any process indexed.
    const dump =
      JSON.stringify(await query(db(), sql`SELECT * FROM identity_links`)) +
      JSON.stringify(await query(db(), sql`SELECT * FROM link_exclusions`));
    const plain = [
      doc.documentNumber,
      '555111',
      'RX555111',
      doc.personalIdentificationNumber,
      doc.dateOfBirth,
      'BALANESCU',
      'BĂLĂNESCU',
      'ION',
      ...identityKeys(later).map((k) => k.input),
    ];
    for (const value of plain) expect(dump, value).not.toContain(value);
  });

  it('a rejection for suspected fraud is flagged on the link', async (ctx) => {
    if (skip) return ctx.skip();
    const doc = { ...someone(), documentNumber: 'FR-1' };
    const rejected = await index(`d-${randomUUID()}`, answer(doc, { status: 'inconclusive' }));
    await db().insert(decisions).values({
      processId: rejected.processId,
      dossierId: 'x',
      outcome: 'reject',
      reasonCode: 'suspected_fraud',
      actor: 'reviewer',
    });
    const nextDossier = `d-${randomUUID()}`;
    const next = await index(nextDossier, answer(doc, { status: 'inconclusive' }));
    const otherDossier = `d-${randomUUID()}`;
    await index(otherDossier, answer(someone(), { status: 'inconclusive' }));
    const [link] = await linksOf('reviewer', next.processId);
    expect(link).toMatchObject({
      processId: rejected.processId,
      decision: 'reject',
      reasonCode: 'suspected_fraud',
      rejectedAsFraud: true,
    });
    // The linked dossier's case state comes along (the rejected attempt's case, as last computed).
    expect(link!.caseState).toBe('needs_review');

    // The queue: a flag on the linked case, and a filter to those cases only.
    type Cases = { items: Array<{ dossierId: string; linkedToRejected: boolean }> };
    const queue = (await as.reviewer!.json<Cases>('GET', '/api/cases?state=needs_review&limit=200')).body
      .items;
    expect(queue.find((c) => c.dossierId === nextDossier)?.linkedToRejected).toBe(true);
    expect(queue.find((c) => c.dossierId === otherDossier)?.linkedToRejected).toBe(false);
    const linked = (
      await as.reviewer!.json<Cases>('GET', '/api/cases?state=needs_review&linked=rejected&limit=200')
    ).body.items.map((c) => c.dossierId);
    expect(linked).toContain(nextDossier);
    expect(linked.every((id) => queue.find((c) => c.dossierId === id)?.linkedToRejected)).toBe(true);
    expect((await as.reviewer!.json('GET', '/api/cases?linked=approved')).status).toBe(400);
  });

  it('answers 404 for an unknown process and 401 without a session', async (ctx) => {
    if (skip) return ctx.skip();
    expect((await as.reviewer!.json('GET', '/api/processes/nope/links')).status).toBe(404);
    expect((await server.client().json('GET', '/api/processes/nope/links')).status).toBe(401);
  });

  it('the dossier shows what changed between attempts, masked per role', async (ctx) => {
    if (skip) return ctx.skip();
    const dossierId = `d-${randomUUID()}`;
    const a = await index(dossierId, answer({ ...ION, documentNumber: 'AT-1' }, { daysAgo: 2 }));
    const b = await index(
      dossierId,
      answer({ ...ION, lastName: 'Balanescu', documentNumber: 'AT-1' }, { provider: 'onfido', daysAgo: 1 }),
    );
    const c = await index(dossierId, answer({ ...ION, documentNumber: 'AT-2' }, { provider: 'onfido' }));
    expect(a.processId).not.toBe(c.processId);
    const reviewer = await as.reviewer!.json<{
      attemptDiff: Array<{
        processId: string;
        previousProcessId: string;
        summary: string;
        changed: Array<{ field: string; from: string; to: string }>;
      }>;
    }>('GET', `/api/dossiers/${dossierId}`);
    expect(reviewer.body.attemptDiff).toEqual([
      {
        processId: b.processId,
        previousProcessId: a.processId,
        summary: 'Same document, same person, new provider.',
        changed: [{ field: 'provider', from: 'readid', to: 'onfido' }],
      },
      {
        processId: c.processId,
        previousProcessId: b.processId,
        summary: 'Different document number, same name and date of birth.',
        // Identifiers stay masked for everyone (revealed on the process, with a reason).
        changed: [{ field: 'documentNumber', from: '•••', to: '•••' }],
      },
    ]);
    expect(JSON.stringify(reviewer.body)).not.toContain('AT-2');
  });

  it('an administrator excludes a legitimately shared document (audited, by hash): it links nothing any more', async (ctx) => {
    if (skip) return ctx.skip();
    const testDoc = { ...someone(), documentNumber: 'TEST-0001', personalIdentificationNumber: undefined };
    const one = await index(`d-${randomUUID()}`, answer({ ...testDoc, firstName: 'A', lastName: 'One' }));
    const two = await index(`d-${randomUUID()}`, answer({ ...testDoc, firstName: 'B', lastName: 'Two' }));
    expect((await linksOf('reviewer', two.processId)).map((l) => l.processId)).toEqual([one.processId]);

    expect(
      (
        await as.reviewer!.json('POST', '/api/admin/link-exclusions', {
          documentNumber: 'TEST-0001',
          issuingCountry: 'NO',
          note: 'QA test passport',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await as.admin!.json('POST', '/api/admin/link-exclusions', {
          documentNumber: '',
          issuingCountry: 'NO',
          note: 'x',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await as.admin!.json('POST', '/api/admin/link-exclusions', {
          documentNumber: 'A1',
          issuingCountry: '12',
          note: 'QA test',
        })
      ).status,
    ).toBe(400);
    const created = await as.admin!.json<{ id: number; note: string }>('POST', '/api/admin/link-exclusions', {
      documentNumber: 'test 0001',
      issuingCountry: 'NO',
      note: 'QA test passport',
    });
    expect(created.status).toBe(201);
    expect(
      (
        await as.admin!.json('POST', '/api/admin/link-exclusions', {
          documentNumber: 'TEST0001',
          issuingCountry: 'NOR',
          note: 'again',
        })
      ).status,
    ).toBe(409);
    expect(await linksOf('reviewer', two.processId)).toEqual([]);

    const list = await as.admin!.json<{ items: Array<{ id: number; note: string; createdBy: string }> }>(
      'GET',
      '/api/admin/link-exclusions',
    );
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.body.id, note: 'QA test passport', createdBy: 'admin' }),
    ]);
    const events = await as.admin!.json<{
      items: Array<{ action: string; details: Record<string, unknown> }>;
    }>('GET', '/api/audit?action=links.*');
    expect(events.body.items[0]).toMatchObject({
      action: 'links.exclusion_added',
      details: { note: 'QA test passport' },
    });
    expect(JSON.stringify(events.body)).not.toMatch(/TEST.?0001/i);

    expect((await as.admin!.request('DELETE', `/api/admin/link-exclusions/${created.body.id}`)).status).toBe(
      204,
    );
    expect((await as.admin!.request('DELETE', `/api/admin/link-exclusions/${created.body.id}`)).status).toBe(
      404,
    );
    expect((await as.admin!.request('DELETE', '/api/admin/link-exclusions/abc')).status).toBe(400);
    expect((await linksOf('reviewer', two.processId)).map((l) => l.processId)).toEqual([one.processId]);
  });

  it('computes the keys of processes indexed before linking existed (backfill)', async (ctx) => {
    if (skip) return ctx.skip();
    const person = someone();
    const before = answer(person);
    await upsertProcess(db(), `d-${randomUUID()}`, before); // no link index: as stored before this feature
    await db().execute(
      sql`UPDATE processes SET identity_keys_at = NULL WHERE process_id = ${before.processId}`,
    );
    const after = await index(
      `d-${randomUUID()}`,
      answer({ ...person, firstName: 'X', personalIdentificationNumber: undefined }),
    );
    expect(await linksOf('reviewer', after.processId)).toEqual([]);
    while (await links().maintain(50)) {
      // until done
    }
    expect((await linksOf('reviewer', after.processId)).map((l) => l.processId)).toEqual([before.processId]);
  });

  it('rotating LINK_KEY re-keys the index in the background; links keep being found before, during and after', async (ctx) => {
    if (skip) return ctx.skip();
    const doc = { ...someone(), personalIdentificationNumber: undefined };
    const a = await index(`d-${randomUUID()}`, answer(doc));
    const b = await index(`d-${randomUUID()}`, answer({ ...doc, firstName: 'Other' }));
    const log = createLogger('silent');
    const NEW_KEY = 'rotated-link-key-0123456789abcdefghijklmnop';

    // A key the index was not built with stops start-up, naming the way out.
    await expect(LinkIndex.open(db(), { linkKey: NEW_KEY, dataDir: 'memory://', log })).rejects.toThrow(
      LinkKeyMismatchError,
    );
    await expect(LinkIndex.open(db(), { linkKey: NEW_KEY, dataDir: 'memory://', log })).rejects.toThrow(
      /LINK_KEY_PREVIOUS/,
    );

    // What a restarted instance does with LINK_KEY=new and LINK_KEY_PREVIOUS=old.
    const rotated = await LinkIndex.open(db(), {
      linkKey: NEW_KEY,
      linkKeyPrevious: TEST_LINK_KEY,
      dataDir: 'memory://',
      log,
    });
    const status = await rotated.status();
    expect(status).toMatchObject({
      generation: 1,
      rotating: true,
      fingerprint: fingerprint(keyBytes(NEW_KEY)),
      canRotateHere: false,
    });
    expect(status.progress!.total).toBeGreaterThan(0);
    // Mid-rotation, lookups still read the complete old generation, and new processes are written at both.
    expect(rotated.keyring.lookup).toBe(0);
    await upsertProcess(db(), `d-${randomUUID()}`, answer({ ...doc, firstName: 'Third' }), rotated);
    const seen = async () =>
      (await findLinks(db(), b.processId, rotated.keyring.lookup))!.map((l) => l.processId);
    expect(await seen()).toContain(a.processId);
    expect(await rotated.maintain(2)).toBe(true);
    expect((await rotated.status()).progress!.done).toBeGreaterThan(0);
    while (await rotated.maintain(200)) {
      // until re-keyed and the old generation dropped
    }
    expect(await rotated.status()).toMatchObject({ generation: 1, rotating: false, progress: null });
    expect(rotated.keyring.lookup).toBe(1);
    expect((await seen()).length).toBe(2);
    const generations = await query<{ generation: number }>(
      db(),
      sql`SELECT DISTINCT generation FROM identity_links`,
    );
    expect(generations.map((g) => g.generation)).toEqual([1]);
    const events = await as.admin!.json<{ items: Array<{ action: string }> }>(
      'GET',
      '/api/audit?action=links.*',
    );
    expect(events.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['links.key_rotation_started', 'links.rekeyed']),
    );
    expect((await verifyAuditChain(db())).ok).toBe(true);

    // The old key alone no longer opens the index, and production cannot rotate from the admin screen.
    await expect(LinkIndex.open(db(), { linkKey: TEST_LINK_KEY, dataDir: 'memory://', log })).rejects.toThrow(
      /rotated away from/,
    );
    expect((await as.admin!.json('POST', '/api/admin/link-key/rotate')).status).toBe(409);
  });
});

describe.each(DB_KINDS)('demo-mode link key on %s', (kind) => {
  let server: TestServer;
  let skip = false;
  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind, env: { LINK_KEY: '' } });
  });
  afterAll(async () => server?.close());

  it('an administrator rotates the generated key from the admin screen and sees the progress', async (ctx) => {
    if (skip) return ctx.skip();
    const admin = await server.login('admin');
    const reviewer = await server.login('reviewer');
    const doc = someone();
    const a = answer(doc);
    const b = answer({ ...doc, firstName: 'Other' });
    await upsertProcess(server.deps.database.db, 'demo-a', a, server.deps.links);
    await upsertProcess(server.deps.database.db, 'demo-b', b, server.deps.links);
    expect((await reviewer.json('POST', '/api/admin/link-key/rotate')).status).toBe(403);
    const before = await admin.json<{ fingerprint: string; canRotateHere: boolean }>(
      'GET',
      '/api/admin/link-key',
    );
    expect(before.body.canRotateHere).toBe(true);
    const started = await admin.json<{ rotating: boolean; fingerprint: string; progress: { total: number } }>(
      'POST',
      '/api/admin/link-key/rotate',
    );
    expect(started.status).toBe(202);
    expect(started.body.rotating).toBe(true);
    expect(started.body.fingerprint).not.toBe(before.body.fingerprint);
    expect((await admin.json('POST', '/api/admin/link-key/rotate')).status).toBe(409);
    await server.deps.sync.maintainLinks();
    expect((await admin.json<{ rotating: boolean }>('GET', '/api/admin/link-key')).body.rotating).toBe(false);
    const items = (await reviewer.json<{ items: LinkItem[] }>('GET', `/api/processes/${b.processId}/links`))
      .body.items;
    expect(items.map((l) => l.processId)).toEqual([a.processId]);
  });
});
