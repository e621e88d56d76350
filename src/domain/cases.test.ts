import { describe, expect, it } from 'vitest';
import {
  caseOf,
  caseReason,
  caseVerdict,
  verifiedBy,
  type CaseDecision,
  type CaseInput,
  type CaseRetry,
} from './cases';

// Attempts are written as "status@minute", e.g. 'inconclusive@10'; process ids are p1, p2, … in that order.
const T0 = Date.parse('2026-11-01T08:00:00Z');
const iso = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

function dossier(
  attempts: string[],
  extra: { decisions?: Array<[number, CaseDecision['outcome']]>; retries?: Array<number | null> } = {},
): CaseInput {
  return {
    attempts: attempts.map((a, i) => {
      const [status, minute] = a.split('@') as [string, string];
      return {
        processId: `p${i + 1}`,
        status,
        createdAt: iso(Number(minute)),
        updatedAt: iso(Number(minute) + 5),
      };
    }),
    decisions: (extra.decisions ?? []).map(([n, outcome]) => ({
      processId: `p${n}`,
      outcome,
      actor: 'reviewer',
      decidedAt: iso(500),
      reasonCode: outcome === 'reject' ? 'document_fraud' : null,
    })),
    retries: (extra.retries ?? []).map((n): CaseRetry => ({
      processId: n === null ? null : `p${n}`,
      createdAt: iso(400),
    })),
  };
}

describe('caseOf: one state per dossier, following the rules in the module header', () => {
  const rows: Array<[string, CaseInput, string, string | null, string | null]> = [
    // [what, input, state, processId, waitingSince]
    ['no attempt yet', dossier([]), 'in_progress', null, null],
    ['a first attempt running', dossier(['pending@0']), 'in_progress', 'p1', null],
    ['a first attempt processing', dossier(['processing@0']), 'in_progress', 'p1', null],
    ['accepted at once', dossier(['accepted@0']), 'closed', 'p1', null],
    ['rejected at once', dossier(['rejected@0']), 'closed', 'p1', null],
    ['failed at once', dossier(['failed@0']), 'closed', 'p1', null],
    ['canceled at once', dossier(['canceled@0']), 'closed', 'p1', null],
    [
      'failed, then a new attempt running (not a retry of an inconclusive one)',
      dossier(['failed@0', 'pending@30']),
      'in_progress',
      'p2',
      null,
    ],
    ['inconclusive, nothing else', dossier(['inconclusive@0']), 'needs_review', 'p1', iso(5)],
    ['inconclusive, then failed', dossier(['inconclusive@0', 'failed@30']), 'needs_review', 'p1', iso(5)],
    [
      'inconclusive, then canceled and failed',
      dossier(['inconclusive@0', 'canceled@30', 'failed@60']),
      'needs_review',
      'p1',
      iso(5),
    ],
    [
      'inconclusive, then rejected by Assure: the inconclusive one still needs a verdict',
      dossier(['inconclusive@0', 'rejected@30']),
      'needs_review',
      'p1',
      iso(5),
    ],
    [
      'inconclusive twice: the latest evidence is reviewed',
      dossier(['inconclusive@0', 'inconclusive@30']),
      'needs_review',
      'p2',
      iso(35),
    ],
    [
      'inconclusive, then a retry running',
      dossier(['inconclusive@0', 'pending@30']),
      'awaiting_end_user',
      'p2',
      iso(30),
    ],
    [
      'inconclusive, then a retry processing',
      dossier(['inconclusive@0', 'processing@30']),
      'awaiting_end_user',
      'p2',
      iso(30),
    ],
    [
      'inconclusive, a desk retry whose process is not indexed yet',
      dossier(['inconclusive@0'], { retries: [null] }),
      'awaiting_end_user',
      null,
      iso(400),
    ],
    [
      'inconclusive, then accepted',
      dossier(['inconclusive@0', 'accepted@30']),
      'resolved_by_retry',
      'p2',
      null,
    ],
    [
      'inconclusive, failed, then accepted',
      dossier(['inconclusive@0', 'failed@30', 'accepted@60']),
      'resolved_by_retry',
      'p3',
      null,
    ],
    [
      'inconclusive, accepted, then a failed re-verification',
      dossier(['inconclusive@0', 'accepted@30', 'failed@60']),
      'resolved_by_retry',
      'p2',
      null,
    ],
    [
      'inconclusive and approved',
      dossier(['inconclusive@0'], { decisions: [[1, 'approve']] }),
      'decided',
      'p1',
      null,
    ],
    [
      'inconclusive and rejected',
      dossier(['inconclusive@0'], { decisions: [[1, 'reject']] }),
      'decided',
      'p1',
      null,
    ],
    [
      'rejected by a reviewer, then a retry failed',
      dossier(['inconclusive@0', 'failed@30'], { decisions: [[1, 'reject']] }),
      'decided',
      'p1',
      null,
    ],
    [
      'rejected by a reviewer, then accepted by Assure',
      dossier(['inconclusive@0', 'accepted@30'], { decisions: [[1, 'reject']] }),
      'resolved_by_retry',
      'p2',
      null,
    ],
    [
      'rejected by a reviewer, then an operator retry running',
      dossier(['inconclusive@0', 'pending@30'], { decisions: [[1, 'reject']], retries: [2] }),
      'awaiting_end_user',
      'p2',
      iso(30),
    ],
    [
      'retry requested, retry not started upstream',
      dossier(['inconclusive@0'], { decisions: [[1, 'retry']] }),
      'awaiting_end_user',
      'p1',
      iso(500),
    ],
    [
      'retry requested, retry running',
      dossier(['inconclusive@0', 'pending@30'], { decisions: [[1, 'retry']], retries: [2] }),
      'awaiting_end_user',
      'p2',
      iso(30),
    ],
    [
      'retry requested, retry accepted',
      dossier(['inconclusive@0', 'accepted@30'], { decisions: [[1, 'retry']], retries: [2] }),
      'resolved_by_retry',
      'p2',
      null,
    ],
    [
      'retry requested, retry inconclusive again',
      dossier(['inconclusive@0', 'inconclusive@30'], { decisions: [[1, 'retry']], retries: [2] }),
      'needs_review',
      'p2',
      iso(35),
    ],
    [
      'retry requested, retry failed: closed, the person is not verified',
      dossier(['inconclusive@0', 'failed@30'], { decisions: [[1, 'retry']], retries: [2] }),
      'closed',
      'p2',
      null,
    ],
    [
      'an operator retry after an accepted attempt, running',
      dossier(['accepted@0', 'pending@30'], { retries: [2] }),
      'awaiting_end_user',
      'p2',
      iso(30),
    ],
    [
      'an earlier case approved, a later inconclusive one',
      dossier(['inconclusive@0', 'inconclusive@30'], { decisions: [[1, 'approve']] }),
      'needs_review',
      'p2',
      iso(35),
    ],
    [
      'order comes from createdAt, not from the input order',
      { ...dossier(['accepted@30', 'inconclusive@0']) },
      'resolved_by_retry',
      'p1',
      null,
    ],
    [
      'an unknown status on the latest attempt is not final',
      dossier(['inconclusive@0', 'suspended@30']),
      'awaiting_end_user',
      'p2',
      iso(30),
    ],
  ];

  it.each(rows)('%s → %s', (_what, input, state, processId, waitingSince) => {
    const c = caseOf(input);
    expect(c.state).toBe(state);
    expect(c.processId).toBe(processId);
    expect(c.waitingSince).toBe(waitingSince);
    expect(c.attempts).toBe(input.attempts.length);
  });

  it('a retry created within the same second as the attempt it follows still counts as the later attempt', () => {
    // Assure's timestamps have whole seconds; process ids are random, so the retry may sort first by id.
    const input: CaseInput = {
      attempts: [
        { processId: 'zz-original', status: 'inconclusive', createdAt: iso(0), updatedAt: iso(0) },
        { processId: 'aa-retry', status: 'pending', createdAt: iso(0), updatedAt: iso(0) },
      ],
      decisions: [],
      retries: [{ processId: 'aa-retry', createdAt: iso(0) }],
    };
    expect(caseOf(input)).toMatchObject({
      state: 'awaiting_end_user',
      processId: 'aa-retry',
      attemptNumber: 2,
    });
  });

  it('names the attempt the state is about by its position: "verified by attempt #3"', () => {
    const c = caseOf(dossier(['inconclusive@0', 'failed@30', 'accepted@60']));
    expect(c.attemptNumber).toBe(3);
    expect(caseVerdict(c.state, c)).toBe('verified by attempt #3');
  });

  it('carries the decision a decided case rests on, and words it', () => {
    const c = caseOf(dossier(['inconclusive@0'], { decisions: [[1, 'reject']] }));
    expect(c.decision).toMatchObject({ outcome: 'reject', actor: 'reviewer', reasonCode: 'document_fraud' });
    expect(caseVerdict(c.state, c)).toBe('Rejected by reviewer');
    expect(caseVerdict('decided', { decision: { outcome: 'approve' } })).toBe('Approved by reviewer');
  });

  it('walks a case through its transitions as attempts arrive', () => {
    const steps: Array<[string[], Array<[number, CaseDecision['outcome']]>, string]> = [
      [['pending@0'], [], 'in_progress'],
      [['inconclusive@0'], [], 'needs_review'],
      [['inconclusive@0'], [[1, 'retry']], 'awaiting_end_user'],
      [['inconclusive@0', 'pending@30'], [[1, 'retry']], 'awaiting_end_user'],
      [['inconclusive@0', 'inconclusive@30'], [[1, 'retry']], 'needs_review'],
      [
        ['inconclusive@0', 'inconclusive@30'],
        [
          [1, 'retry'],
          [2, 'approve'],
        ],
        'decided',
      ],
      [
        ['inconclusive@0', 'inconclusive@30', 'accepted@90'],
        [
          [1, 'retry'],
          [2, 'approve'],
        ],
        'resolved_by_retry',
      ],
    ];
    expect(steps.map(([a, d]) => caseOf(dossier(a, { decisions: d })).state)).toEqual(
      steps.map(([, , s]) => s),
    );
  });
});

describe('verifiedBy: when a retry would verify someone already verified', () => {
  it.each([
    [['inconclusive@0', 'accepted@30'], [], 'p2'],
    [['accepted@0'], [], 'p1'],
    [['inconclusive@0'], [[1, 'approve']], 'p1'],
    [['inconclusive@0'], [[1, 'reject']], undefined],
    [['inconclusive@0'], [], undefined],
    [['inconclusive@0', 'failed@30'], [], undefined],
    [['accepted@0', 'pending@30'], [], undefined],
  ] as Array<[string[], Array<[number, CaseDecision['outcome']]>, string | undefined]>)(
    '%j with %j → %s',
    (attempts, decisions, expected) => {
      expect(verifiedBy(dossier(attempts, { decisions }))?.processId).toBe(expected);
    },
  );
});

describe('caseReason: the failed check in a few words', () => {
  it.each([
    [
      [{ name: 'chipCloneDetection', label: 'Chip clone detection', result: 'failed' }],
      'chipCloneDetection',
      'Chip clone detection failed',
    ],
    [
      [
        { name: 'facialSimilarity.result', label: 'Face check (overall)', result: 'failed' },
        { name: 'facialSimilarity.faceComparison', label: 'Face comparison', result: 'failed' },
      ],
      'facialSimilarity.faceComparison',
      'Face comparison failed',
    ],
    [
      [
        { name: 'verification', label: 'Document verification (MRZ vs printed text)', result: 'failed' },
        { name: 'mrz', label: 'MRZ read', result: 'failed' },
      ],
      'mrz',
      'MRZ read failed',
    ],
    [
      [{ name: 'documentVerification.result', label: 'Document check (overall)', result: 'failed' }],
      'documentVerification.result',
      'Document check (overall) failed',
    ],
  ])('%j → %s', (checks, code, label) => {
    expect(caseReason(checks)).toEqual({ code, label });
  });

  it('has no reason when nothing failed', () => {
    expect(caseReason([{ name: 'chipVerification', label: 'Chip', result: 'passed' }])).toBeNull();
  });
});
