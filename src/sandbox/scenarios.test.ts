/** Every scenario, for every provider and processType it fits, ends in the status it promises (in-process). */
import { afterAll, describe, expect, it } from 'vitest';
import { createSandboxApp } from './app';
import { providerModule } from './providers';
import { SCENARIOS, randomCandidates, scenarioFits } from './scenarios';
import { planWorld } from './seed';
import { PROVIDERS } from './types';

const sandbox = createSandboxApp({ live: false, dossiers: 0 });
afterAll(() => sandbox.dispose());

const combos = SCENARIOS.flatMap((spec) =>
  PROVIDERS.flatMap((provider) => {
    const types = providerModule(provider).processTypes;
    return (types.length > 0 ? types : [undefined])
      .filter((processType) => scenarioFits(spec, provider, processType))
      .map((processType) => ({ scenario: spec.name, provider, processType, expect: spec.expect }));
  }),
);

describe('scenario catalogue', () => {
  it.each(combos)(
    '$scenario on $provider/$processType → $expect',
    ({ scenario, provider, processType, expect: status }) => {
      const { processId } = sandbox.control.createProcess({ scenario, provider, processType });
      const view = sandbox.control.advance(processId, 'final');
      expect(view.status).toBe(status);
      expect(view.finalResult !== undefined).toBe(status === 'accepted');
      expect(view.failReason !== undefined).toBe(status === 'failed');
    },
  );

  it('never picks a disagreeing or control-only scenario at random', () => {
    for (const provider of PROVIDERS) {
      for (const processType of [...providerModule(provider).processTypes, undefined]) {
        const names = randomCandidates(provider, processType).map((s) => s.name);
        expect(names).not.toContain('readid.disagree');
        expect(names).not.toContain('readid.sessionLayout');
      }
    }
    const seeded = ['a', 'b', 'c'].flatMap((seed) =>
      planWorld(seed, 300, Date.parse('2025-01-01T00:00:00Z')).flatMap((d) =>
        d.processes.map((p) => p.scenario),
      ),
    );
    expect(seeded).not.toContain('readid.disagree');
  });

  it('covers the scenario names the brief asks for', () => {
    const names = SCENARIOS.map((s) => s.name);
    for (const name of [
      'readid.accepted',
      'readid.acceptedIproov',
      'readid.cloneFailed',
      'readid.iproovFailed',
      'readid.iproovError',
      'readid.chipFailed',
      'readid.cloneNotSupported',
      'readid.chipReadFailed',
      'onfido.clear',
      'onfido.caution',
      'onfido.rejected',
      'eid.accepted',
      'eid.rejected',
      'eid.attendedApproved',
      'eid.attendedRejected',
      'paper.accepted',
      'paper.noMrz',
      'paper.mismatch',
      'connect.accepted',
      'connect.canceled',
      'connect.error',
      'webid.successful',
      'webid.mismatch',
      'webid.rejected',
      'webid.canceled',
      'webid.expired',
      'failed.timeout',
      'failed.cameraAccessDenied',
      'canceled',
      'readid.disagree',
    ]) {
      expect(names).toContain(name);
    }
  });
});
