// Structured logs: one JSON object per line, with the request id where there is one.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Where log lines go: stdout for debug and info, stderr for warnings and errors, unless a test captures them. */
export type LogSink = (level: Exclude<LogLevel, 'silent'>, line: string) => void;

const toStreams: LogSink = (lvl, line) =>
  (lvl === 'error' || lvl === 'warn' ? process.stderr : process.stdout).write(line + '\n');

export function createLogger(
  level: LogLevel = 'info',
  base: Record<string, unknown> = {},
  sink: LogSink = toStreams,
): Logger {
  const threshold = LEVELS[level];
  const write = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < threshold) return;
    sink(lvl, JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...base, ...fields }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** SQLSTATE codes are five digits or capital letters; Node's system errors are E-prefixed words. */
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Fields of a database error that name where it happened without carrying any of the data. */
const DB_FIELDS = [
  'code',
  'severity',
  'table',
  'column',
  'constraint',
  'schema',
  'dataType',
  'routine',
] as const;

function isDatabaseError(e: Record<string, unknown>): boolean {
  return (
    (typeof e.code === 'string' && SQLSTATE.test(e.code)) ||
    'query' in e ||
    'params' in e ||
    e.constructor?.name === 'DrizzleQueryError' ||
    (typeof e.message === 'string' && /^Failed query:/.test(e.message))
  );
}

/**
 * An error as log fields, safe to write: the one way errors reach the logs. A database error (drizzle wraps the
 * driver's in "Failed query: <sql> params: <values>") keeps its class, SQLSTATE code, table, column and constraint,
 * and drops its message, query, parameters and detail, which carry names, notes, tokens and hashes. Other errors
 * keep their class, code and message, and the first frames of the stack.
 */
export function errorFields(err: unknown): Record<string, unknown> {
  const chain: Array<Record<string, unknown>> = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++, e = (e as { cause?: unknown }).cause) {
    if (typeof e !== 'object') {
      chain.push({ class: typeof e });
      break;
    }
    const o = e as Record<string, unknown>;
    const entry: Record<string, unknown> = {
      class: (o.constructor as { name?: string } | undefined)?.name ?? 'Object',
    };
    if (isDatabaseError(o)) {
      for (const k of DB_FIELDS) if (typeof o[k] === 'string' && o[k]) entry[k] = o[k];
      entry.database = true;
    } else {
      if (typeof o.code === 'string') entry.code = o.code;
      if (typeof o.message === 'string') entry.message = o.message.slice(0, 300);
      // Frames only: the stack's first line repeats the message.
      if (depth === 0 && typeof o.stack === 'string')
        entry.stack = o.stack
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .slice(0, 8)
          .join('\n');
    }
    chain.push(entry);
  }
  // A driver error under drizzle's wrapper is still a database error: nothing of the wrapper's text is kept.
  if (chain.some((c) => c.database)) for (const c of chain) delete c.message;
  for (const c of chain) delete c.database;
  const [first, ...causes] = chain;
  return { err: { ...first, ...(causes.length ? { causes } : {}) } };
}
