import type { Config } from './config';
import type { AssureClient } from './assure/client';
import type { Database } from './db/client';
import type { Logger } from './lib/logger';
import type { LinkIndex } from './links/link-index';
import type { Notifier } from './notifications/notifier';
import type { SyncService } from './sync/sync';

export interface AppDeps {
  config: Config;
  database: Database;
  client: AssureClient;
  sync: SyncService;
  log: Logger;
  links: LinkIndex;
  /** Notifications out (e-mail, signed webhook) through the outbox. */
  notifier: Notifier;
}

export interface CurrentUser {
  id: number;
  username: string;
  role: string;
  sessionId: string;
  csrfToken: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    user?: CurrentUser;
  };
}
