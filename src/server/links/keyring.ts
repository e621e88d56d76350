import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The keyed hashes of the link index. Generation 0 hashes an identity key with the first LINK_KEY; each rotation
// adds a generation whose hash is HMAC(new key, previous generation's hash). So the index can be re-keyed without
// the identifiers (retention may have erased them long ago), and a copy of the database holding the retired keys
// still cannot test a guess without the current LINK_KEY.

export const KEY_FILE = 'link-key';
const FINGERPRINT_LABEL = 'assure-desk link key fingerprint';

const hmac = (key: Buffer, data: string | Buffer) => createHmac('sha256', key).update(data).digest();

/** A short public name for a key, to recognise it without holding it (safe to show and log). */
export function fingerprint(key: Buffer): string {
  return hmac(key, FINGERPRINT_LABEL).toString('hex').slice(0, 16);
}

export const keyBytes = (key: string) => Buffer.from(key, 'utf8');

export class LinkKeyring {
  /** keys[g] is the key of generation g. */
  constructor(
    private keys: Buffer[],
    /** The generation whose rows are complete: lookups read it. */
    public lookup: number,
  ) {}

  get current(): number {
    return this.keys.length - 1;
  }

  get currentKey(): Buffer {
    return this.keys[this.current]!;
  }

  keyOf(generation: number): Buffer {
    const key = this.keys[generation];
    if (!key) throw new Error(`no link key for generation ${generation}`);
    return key;
  }

  /** The generations a new key is written at: the lookup one and, during a rotation, the new one too. */
  liveGenerations(): number[] {
    const out: number[] = [];
    for (let g = this.lookup; g <= this.current; g++) out.push(g);
    return out;
  }

  /** HMAC-SHA-256 of `input` through the chain of keys up to `generation`, base64url. */
  hash(input: string, generation = this.lookup): string {
    let h = hmac(this.keyOf(0), input);
    for (let g = 1; g <= generation; g++) h = hmac(this.keyOf(g), h);
    return h.toString('base64url');
  }

  /** A hash of generation `generation - 1` re-keyed to `generation`. */
  wrap(hash: string, generation: number): string {
    return hmac(this.keyOf(generation), Buffer.from(hash, 'base64url')).toString('base64url');
  }

  /** Adopts a new state (a rotation started or finished, here or on another instance). */
  update(keys: Buffer[], lookup: number) {
    this.keys = keys;
    this.lookup = lookup;
  }
}

/** A new random key, as text for LINK_KEY or the key file. */
export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * Demo mode's key: read from DATA_DIR/link-key, or generated there (owner-only) on first start. A rotation writes
 * the next key to link-key.next before committing it and renames it after, so a crash in between loses nothing.
 * An in-memory DATA_DIR (tests) gets a key of its own that lives as long as the process.
 */
export function demoKeyFile(dataDir: string): {
  read(): string;
  next(key: string): void;
  commit(): void;
  pending(): string | undefined;
} {
  if (dataDir.startsWith('memory://')) {
    let key = generateKey();
    let pending: string | undefined;
    return {
      read: () => key,
      next: (k) => void (pending = k),
      commit: () => {
        if (pending) key = pending;
        pending = undefined;
      },
      pending: () => pending,
    };
  }
  const file = join(dataDir, KEY_FILE);
  const nextFile = `${file}.next`;
  return {
    read() {
      if (!existsSync(file)) {
        mkdirSync(dataDir, { recursive: true });
        writeFileSync(file, `${generateKey()}\n`, { mode: 0o600, flag: 'wx' });
      }
      return readFileSync(file, 'utf8').trim();
    },
    next(key) {
      writeFileSync(nextFile, `${key}\n`, { mode: 0o600 });
      chmodSync(nextFile, 0o600);
    },
    commit() {
      if (existsSync(nextFile)) renameSync(nextFile, file);
    },
    pending: () => (existsSync(nextFile) ? readFileSync(nextFile, 'utf8').trim() : undefined),
  };
}
