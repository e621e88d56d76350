import { isRole, ROLES } from '../src/domain/policy';
import { createUser, findUserByUsername } from '../src/server/db/users';
import { audit, verifyAuditChain } from '../src/server/audit/audit';
import { ConfigError, parseConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/client';

// `npm run users -- add <username> <role>`: creates a user (the first admin in production); the password is read
// from USER_PASSWORD or prompted for. `npm run users -- verify-audit`: checks the audit log's hash chain.
const [command, username, role] = process.argv.slice(2);

async function readPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question('Password (at least 12 characters): ');
  rl.close();
  return answer;
}

try {
  const config = parseConfig(process.env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (command === 'add') {
      if (!username || !isRole(role))
        throw new ConfigError(`Usage: npm run users -- add <username> <${ROLES.join('|')}>`);
      if (await findUserByUsername(database.db, username))
        throw new ConfigError(`The user "${username}" exists already.`);
      const password = await readPassword();
      if (password.length < 12) throw new ConfigError('The password needs at least 12 characters.');
      await createUser(database.db, username, role, password);
      await audit(database.db, { actor: 'cli', action: 'user.create', target: username, details: { role } });
      console.log(`Created ${role} "${username}".`);
    } else if (command === 'verify-audit') {
      const result = await verifyAuditChain(database.db);
      console.log(
        result.ok
          ? `Audit log intact: ${result.checked} entries verified.`
          : `Audit log TAMPERED: the chain breaks at entry ${result.brokenAt} (after ${result.checked} good entries).`,
      );
      process.exitCode = result.ok ? 0 : 2;
    } else {
      throw new ConfigError(
        `Usage:\n  npm run users -- add <username> <${ROLES.join('|')}>\n  npm run users -- verify-audit`,
      );
    }
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
}
