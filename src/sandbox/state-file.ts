import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from './store';

const SAVE_EVERY_MS = 5000;

/**
 * Keeps a store's account in a JSON file, so a restarted demo finds the processes its index already knows instead
 * of answering 404 for every one that arrived since the seed. Read once at start; written (atomically, only when
 * changed) every few seconds and at close. A missing file starts the seeded world afresh; so does an unreadable,
 * broken or foreign one, after it is moved aside to `<path>.bad` so it is not overwritten.
 */
export function persistStore(store: Store, path: string): { close(): void } {
  try {
    store.importState(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') setAside(path, err);
  }
  let last = '';
  const save = () => {
    const text = JSON.stringify(store.exportState());
    if (text === last) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
    last = text;
  };
  const timer = setInterval(() => {
    try {
      save();
    } catch (err) {
      console.warn(`[sandbox] cannot write ${path}: ${String(err)}`);
    }
  }, SAVE_EVERY_MS);
  timer.unref();
  return {
    close() {
      clearInterval(timer);
      save();
    },
  };
}

function setAside(path: string, err: unknown): void {
  const reason = err instanceof Error ? err.message : String(err);
  try {
    renameSync(path, `${path}.bad`);
    console.warn(`[sandbox] cannot use ${path} (${reason}); kept it as ${path}.bad and starting afresh`);
  } catch (renameErr) {
    console.warn(
      `[sandbox] cannot use ${path} (${reason}) nor keep it as ${path}.bad (${String(renameErr)}); starting afresh`,
    );
  }
}
