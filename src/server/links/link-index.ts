import { documentKeyInput, identityKeys, type LinkKind } from '@domain/identity-keys';
import { appendAudit, audit } from '../audit/audit';
import { ConfigError } from '../config';
import type { Db, Tx } from '../db/client';
import {
  advanceRekey,
  allExclusionsAt,
  copyExclusions,
  countLinkRows,
  deleteExclusionHashes,
  deleteLinkKeys,
  deleteOldGenerations,
  findExclusion,
  finishRekey,
  insertExclusion,
  insertLinkKey,
  insertLinkRows,
  linkIndexEmpty,
  linkKeyAt,
  linkKeyRows,
  linkRowsAfter,
  listExclusions,
  lockLinkKeys,
  replaceIdentityKeys,
  retireLinkKey,
  unlinkedProcesses,
  type HashedKey,
  type LinkKeyRow,
} from '../db/links';
import { conflict } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { demoKeyFile, fingerprint, generateKey, keyBytes, LinkKeyring } from './keyring';

/** Processes (backfill, re-keying) handled per batch: short transactions, progress visible between them. */
export const LINK_BATCH = 500;

/** A LINK_KEY the index was not built with: start-up stops with this message (like a bad configuration value). */
export class LinkKeyMismatchError extends ConfigError {}

export interface LinkKeyStatus {
  generation: number;
  fingerprint: string;
  /** A rotation is under way: lookups read the previous generation until every row is re-keyed. */
  rotating: boolean;
  progress: { done: number; total: number } | null;
  rotatedAt: string | null;
  /** Demo mode keeps the key in DATA_DIR and can rotate it from the admin screen; production rotates by configuration. */
  canRotateHere: boolean;
  /** Processes indexed before linking existed whose keys are still to be computed. */
  backfillPending: boolean;
}

interface OpenOptions {
  linkKey?: string;
  linkKeyPrevious?: string;
  dataDir: string;
  log: Logger;
}

/**
 * The link index: keyed hashes of each process's identity keys (src/domain/identity-keys), written when a process is
 * indexed, backfilled for processes indexed before, re-keyed in the background when LINK_KEY is rotated.
 */
export class LinkIndex {
  private backfillDone = false;

  private constructor(
    private readonly db: Db,
    readonly keyring: LinkKeyring,
    private readonly keyFile: ReturnType<typeof demoKeyFile> | undefined,
    private readonly log: Logger,
  ) {}

  /**
   * Loads the key (LINK_KEY, or demo mode's key file) and checks it against the generations the index was built
   * with. A new LINK_KEY with LINK_KEY_PREVIOUS set to the key in use starts a rotation. A key the index does not
   * know stops start-up: links would silently stop matching.
   */
  static async open(db: Db, opts: OpenOptions): Promise<LinkIndex> {
    const keyFile = opts.linkKey ? undefined : demoKeyFile(opts.dataDir);
    // A demo rotation interrupted between its commit and the key file's rename: finish it.
    const pending = keyFile?.pending();
    const rows0 = await linkKeyRows(db);
    const latest0 = rows0[rows0.length - 1];
    if (pending && latest0 && latest0.fingerprint === fingerprint(keyBytes(pending))) keyFile!.commit();
    const key = opts.linkKey ?? keyFile!.read();
    const fp = fingerprint(keyBytes(key));

    const rows = await db.transaction(async (tx) => {
      await lockLinkKeys(tx);
      const existing = await linkKeyRows(tx);
      const latest = existing[existing.length - 1];
      if (!latest) {
        await insertLinkKey(tx, { generation: 0, fingerprint: fp, rekeyedAt: new Date() });
      } else if (latest.fingerprint !== fp) {
        if (opts.linkKeyPrevious && fingerprint(keyBytes(opts.linkKeyPrevious)) === latest.fingerprint) {
          await startRotation(tx, latest, opts.linkKeyPrevious, fp, 'system');
        } else if (await linkIndexEmpty(tx)) {
          await deleteLinkKeys(tx);
          await insertLinkKey(tx, { generation: 0, fingerprint: fp, rekeyedAt: new Date() });
        } else {
          const retired = existing.some((r) => r.fingerprint === fp);
          throw new LinkKeyMismatchError(
            retired
              ? `LINK_KEY is a key the link index was rotated away from (fingerprint ${fp}); set LINK_KEY to the current key (fingerprint ${latest.fingerprint}).`
              : `LINK_KEY does not match the key the link index was built with (fingerprint ${latest.fingerprint}, this one ${fp}). To rotate, set LINK_KEY_PREVIOUS to the key in use and LINK_KEY to the new one.`,
          );
        }
      }
      return linkKeyRows(tx);
    });
    const index = new LinkIndex(db, new LinkKeyring([], 0), keyFile, opts.log);
    index.adopt(rows, keyBytes(key));
    return index;
  }

  private adopt(rows: LinkKeyRow[], currentKey: Buffer) {
    const latest = rows[rows.length - 1]!;
    const keys = rows.map((r, i) =>
      i === rows.length - 1 ? currentKey : Buffer.from(r.retiredKey ?? '', 'base64'),
    );
    this.keyring.update(keys, latest.rekeyedAt ? latest.generation : latest.generation - 1);
  }

  /** Re-reads the generations (a rotation started or finished on this or another instance). */
  async reload() {
    const rows = await linkKeyRows(this.db);
    const latest = rows[rows.length - 1];
    if (!latest) return;
    if (latest.generation === this.keyring.current) return this.adopt(rows, this.keyring.currentKey);
    // Another instance rotated to a key this one does not hold: keep serving the generation it knows.
    if (latest.fingerprint !== fingerprint(this.keyring.currentKey)) {
      this.log.error(
        'link index rotated to a LINK_KEY this instance does not have; restart it with the new LINK_KEY',
        { fingerprint: latest.fingerprint },
      );
      return;
    }
    this.adopt(rows, this.keyring.currentKey);
  }

  /** The keyed hashes of a process's identity keys, at every live generation. */
  hashedKeys(raw: unknown): HashedKey[] {
    const out: HashedKey[] = [];
    for (const key of identityKeys(raw)) {
      for (const generation of this.keyring.liveGenerations()) {
        out.push({ kind: key.kind, generation, keyHash: this.keyring.hash(key.input, generation) });
      }
    }
    return out;
  }

  /** Writes a process's keys (called whenever the index stores a new answer for it). */
  async index(processId: string, dossierId: string, raw: unknown) {
    await replaceIdentityKeys(this.db, processId, dossierId, this.hashedKeys(raw));
  }

  /**
   * One round of background work, run under a lease: re-keys a batch when a rotation is under way (then drops the
   * old generation), or computes the keys of a batch of processes indexed before linking existed. Returns whether
   * there is more to do.
   */
  async maintain(batch = LINK_BATCH): Promise<boolean> {
    await this.reload();
    const { lookup, current } = this.keyring;
    if (lookup < current) return this.rekeyBatch(batch);
    if (await deleteOldGenerations(this.db, lookup, batch * 4)) return true;
    if (this.backfillDone) return false;
    const rows = await unlinkedProcesses(this.db, batch);
    // index() marks each process done, with or without keys; one erased meanwhile drops out of the query.
    for (const row of rows) await this.index(row.processId, row.dossierId, row.raw);
    if (rows.length < batch) this.backfillDone = true;
    return rows.length === batch;
  }

  private async rekeyBatch(batch: number): Promise<boolean> {
    const target = this.keyring.current;
    const state = await linkKeyAt(this.db, target);
    if (!state) return false;
    const rows = await linkRowsAfter(this.db, target - 1, state.rekeyCursor ?? '', batch);
    const wrapped = rows.map((r) => ({
      ...r,
      generation: target,
      keyHash: this.keyring.wrap(r.keyHash, target),
    }));
    await insertLinkRows(this.db, wrapped);
    const processesDone = new Set(rows.map((r) => r.processId)).size;
    if (processesDone === batch) {
      await advanceRekey(this.db, target, rows[rows.length - 1]!.processId, rows.length);
      return true;
    }
    // Last batch: the exclusions (few) follow, then lookups switch to the new generation.
    const exclusions = await allExclusionsAt(this.db, target - 1);
    await this.db.transaction(async (tx) => {
      if (exclusions.length) {
        await copyExclusions(
          tx,
          exclusions.map(({ id: _id, ...e }) => ({
            ...e,
            generation: target,
            keyHash: this.keyring.wrap(e.keyHash, target),
          })),
        );
      }
      await finishRekey(tx, target, rows.length);
      await appendAudit(tx, {
        actor: 'system',
        action: 'links.rekeyed',
        details: { generation: target, fingerprint: fingerprint(this.keyring.currentKey) },
      });
    });
    await this.reload();
    this.log.info('link index re-keyed', { generation: target });
    return true;
  }

  async status(): Promise<LinkKeyStatus> {
    const rows = await linkKeyRows(this.db);
    const latest = rows[rows.length - 1]!;
    const rotating = latest.rekeyedAt === null;
    return {
      generation: latest.generation,
      fingerprint: latest.fingerprint,
      rotating,
      progress: rotating ? { done: latest.rekeyDone, total: latest.rekeyTotal } : null,
      rotatedAt: latest.generation > 0 ? latest.createdAt.toISOString() : null,
      canRotateHere: this.keyFile !== undefined,
      backfillPending: (await unlinkedProcesses(this.db, 1)).length > 0,
    };
  }

  /** Demo mode: generates a new key into DATA_DIR and starts re-keying. Production rotates through LINK_KEY. */
  async rotate(actor: string, requestId?: string) {
    if (!this.keyFile)
      throw conflict(
        'LINK_KEY comes from the configuration: set LINK_KEY_PREVIOUS to the current key and LINK_KEY to a new one, then restart.',
      );
    await this.reload();
    if (this.keyring.lookup < this.keyring.current)
      throw conflict('A rotation is already under way; wait until the index is re-keyed.');
    const next = generateKey();
    this.keyFile.next(next);
    await this.db.transaction(async (tx) => {
      await lockLinkKeys(tx);
      const latest = await linkKeyAt(tx, this.keyring.current);
      if (!latest || latest.rekeyedAt === null)
        throw conflict('A rotation is already under way; wait until the index is re-keyed.');
      await startRotation(
        tx,
        latest,
        this.keyring.currentKey.toString('utf8'),
        fingerprint(keyBytes(next)),
        actor,
        requestId,
      );
    });
    this.keyFile.commit();
    const rows = await linkKeyRows(this.db);
    this.adopt(rows, keyBytes(next));
  }

  // --- Exclusions -------------------------------------------------------------------------------------------------

  async listExclusions() {
    return listExclusions(this.db, this.keyring.lookup);
  }

  /** Excludes a document shared legitimately (a test document) from linking; the number is stored only as a hash. */
  async exclude(
    input: { documentNumber: string; issuingCountry: string; note: string },
    actor: string,
    requestId?: string,
  ) {
    const keyInput = documentKeyInput(input.documentNumber, input.issuingCountry);
    if (!keyInput) return undefined;
    const kind: LinkKind = 'document';
    const rows = this.keyring.liveGenerations().map((generation) => ({
      generation,
      keyHash: this.keyring.hash(keyInput, generation),
      kind,
      note: input.note,
      createdBy: actor,
    }));
    const row = await insertExclusion(this.db, rows);
    if (!row) throw conflict('That document is already excluded from linking.');
    // The audit names the exclusion and the administrator's note, never the document number.
    await audit(this.db, {
      actor,
      action: 'links.exclusion_added',
      target: `link-exclusion:${row.id}`,
      requestId,
      details: { note: input.note, kind },
    });
    return row;
  }

  async removeExclusion(id: number, actor: string, requestId?: string): Promise<boolean> {
    const row = await findExclusion(this.db, id);
    if (!row) return false;
    const pairs = [{ generation: row.generation, keyHash: row.keyHash }];
    for (let g = row.generation + 1; g <= this.keyring.current; g++)
      pairs.push({ generation: g, keyHash: this.keyring.wrap(pairs[pairs.length - 1]!.keyHash, g) });
    await deleteExclusionHashes(this.db, pairs);
    await audit(this.db, {
      actor,
      action: 'links.exclusion_removed',
      target: `link-exclusion:${row.id}`,
      requestId,
      details: { note: row.note, kind: row.kind },
    });
    return true;
  }
}

/** Retires the latest generation's key into the table and adds the next generation, to be re-keyed. */
async function startRotation(
  tx: Tx,
  latest: LinkKeyRow,
  retiredKey: string,
  nextFingerprint: string,
  actor: string,
  requestId?: string,
) {
  const total = await countLinkRows(tx as unknown as Db, latest.generation);
  await retireLinkKey(tx, latest.generation, Buffer.from(retiredKey, 'utf8').toString('base64'));
  await insertLinkKey(tx, {
    generation: latest.generation + 1,
    fingerprint: nextFingerprint,
    rekeyTotal: total,
  });
  await appendAudit(tx, {
    actor,
    action: 'links.key_rotation_started',
    requestId,
    details: {
      generation: latest.generation + 1,
      fingerprint: nextFingerprint,
      previousFingerprint: latest.fingerprint,
      rows: total,
    },
  });
}
