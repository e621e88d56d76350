import { describe, expect, it } from 'vitest';
import { postgresReachable } from '../../test-support/databases';
import { formatLoadReport, runLoad } from '../../test-support/load';

describe('load (short form; `npm run bench` runs 5 minutes)', () => {
  it('serves 50 polling reviewers with decisions and retries: no errors, nothing lost', async (ctx) => {
    const kind = (await postgresReachable()) ? 'postgres' : 'pglite';
    if (kind === 'pglite') ctx.skip();
    const report = await runLoad({ db: kind, seconds: 12, reviewers: 50 });
    console.log(formatLoadReport(report, 12, 50).join('\n'));
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.decisionsAcknowledged).toBeGreaterThan(0);
    expect(report.decisionsStored).toBe(report.decisionsAcknowledged);
    expect(report.retriesStored).toBe(report.retriesAcknowledged);
    expect(report.auditChainOk).toBe(true);
  }, 120_000);
});
