import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store, StoreState } from './store';

const SAVE_EVERY_MS = 5000;

/**
 * Keeps a store's account in a JSON file, so a restarted demo finds the processes its index already knows instead
 * of answering 404 for every one that arrived since the seed. Read once at start; written (atomically, only when
 * changed) every few seconds and at close. A missing, unreadable or foreign file starts the seeded world afresh.
 */
export function persistStore(store: Store, path: string): { close(): void } {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as StoreState;
    if (!store.importState(state)) console.warn(`[sandbox] ${path} was saved by another version or seed; starting afresh`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`[sandbox] cannot read ${path}; starting afresh: ${String(err)}`);
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
