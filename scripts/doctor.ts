// `npm run doctor`: with the production configuration (the same environment as the server), checks what works
// against the Assure tenant before go-live, writing nothing upstream. Prints a table; exits 1 when something is broken.
import { ConfigError, parseConfig } from '../src/server/config';
import { formatReport, runDoctor } from '../src/server/doctor/doctor';

async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const report = await runDoctor(config);
  console.log(formatReport(report));
  process.exit(report.broken ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error('doctor failed:', err instanceof Error ? err.message : String(err));
  process.exit(2);
});
