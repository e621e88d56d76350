// Vendor examples copied verbatim from the seeds (shared/seeds/000_6e9dd386338099b0.txt, ReadID service details;
// shared/seeds/002_4702870f588f1f9b.txt, Get process). Do not edit the values: tests check the engine against them.
import type { AssureProcess } from '../../process';

/** 000: "This is a response example of a ReadID process that was accepted". */
export const readidAccepted = {
  provider: 'readid',
  status: 'accepted',
  processId: '4e6aed00-f72a-4363-9d4a-418d66f5e49c',
  providerSpecific: {
    consolidatedIdentityData: {
      chipVerification: 'SUCCEEDED',
      chipCloneDetection: 'SUCCEEDED',
      dateOfBirth: '2002-04-29',
      dateOfExpiry: '2030-07-08',
      documentCode: 'P',
      documentNumber: 'P123456',
      documentType: 'passport',
      gender: 'F',
      issuingCountry: 'PRT',
      nationality: 'PRT',
      personalIdentificationNumber: '123456789',
      firstName: 'MARIA PAULA',
      lastName: 'SANTOS MENDES',
    },
  },
  finalResult: {
    documentType: 'passport',
    firstName: 'MARIA PAULA',
    lastName: 'SANTOS MENDES',
    gender: 'F',
    nationality: 'PRT',
    dateOfBirth: '2002-04-29',
    documentNumber: 'P123456',
    dateOfExpiry: '2030-07-08',
    issuingCountry: 'PRT',
    personalIdentificationNumber: '123456789',
  },
  processType: 'ready',
  createdAt: '2021-08-04T08:19:22Z',
  updatedAt: '2021-08-04T08:21:56Z',
} satisfies AssureProcess;

/** 000: "This is a response example of a ReadID process that was inconclusive". */
export const readidInconclusive = {
  provider: 'readid',
  status: 'inconclusive',
  processId: '36c9e4cb-9fe2-4326-a57b-ec1e7f6d2bbf',
  providerSpecific: {
    consolidatedIdentityData: {
      chipVerification: 'SUCCEEDED',
      chipCloneDetection: 'FAILED',
      dateOfBirth: '2002-04-29',
      dateOfExpiry: '2025-10-13',
      documentCode: 'P',
      documentNumber: 'P123456',
      documentType: 'passport',
      gender: 'F',
      issuingCountry: 'PRT',
      nationality: 'PRT',
      personalIdentificationNumber: '123456789',
      firstName: 'MARIA PAULA',
      lastName: 'SANTOS MENDES',
    },
  },
  processType: 'ready',
  createdAt: '2021-08-04T09:18:09Z',
  updatedAt: '2021-08-04T09:24:01Z',
} satisfies AssureProcess;

/** 000: "This is a response example of a ReadID process that was rejected". */
export const readidRejected = {
  provider: 'readid',
  status: 'rejected',
  processId: '36c9e4cb-9fe2-4326-a57b-ec1e7f6d2bbf',
  providerSpecific: {
    consolidatedIdentityData: {
      chipVerification: 'FAILED',
      chipCloneDetection: 'SUCCEEDED',
      dateOfBirth: '2002-04-29',
      dateOfExpiry: '2025-10-13',
      documentCode: 'P',
      documentNumber: 'M123456',
      documentType: 'passport',
      gender: 'F',
      issuingCountry: 'PRT',
      nationality: 'PRT',
      personalIdentificationNumber: '123456789',
      firstName: 'MARIA PAULA',
      lastName: 'SANTOS MENDES',
    },
  },
  processType: 'ready',
  createdAt: '2021-08-04T09:18:09Z',
  updatedAt: '2021-08-04T09:24:01Z',
} satisfies AssureProcess;

/** 000: "Here is an accepted ReadID process with iProov liveness assurance". */
export const readidAcceptedIproov = {
  processId: '093b6c3b-f1ec-49c2-b349-58c3176f7aa8',
  provider: 'readid',
  processType: 'ready',
  status: 'accepted',
  finalResult: {
    firstName: 'MARIA PAULA',
    lastName: 'SANTOS MENDES',
    dateOfExpiry: '2030-07-08',
    dateOfBirth: '2002-04-29',
    gender: 'F',
    nationality: 'PRT',
    documentType: 'passport',
    documentNumber: 'P123456',
    issuingCountry: 'PRT',
    personalIdentificationNumber: '123456789',
  },
  providerSpecific: {
    consolidatedIdentityData: {
      chipVerification: 'SUCCEEDED',
      chipCloneDetection: 'SUCCEEDED',
      documentType: 'passport',
      firstName: 'MARIA PAULA',
      lastName: 'SANTOS MENDES',
      gender: 'F',
      nationality: 'PRT',
      dateOfBirth: '2002-04-29',
      documentNumber: 'P123456',
      dateOfExpiry: '2030-07-08',
      issuingCountry: 'PRT',
      documentCode: 'P',
      personalIdentificationNumber: '123456789',
    },
    documentContent: {
      dateOfBirth: '2002-04-29',
      dateOfExpiry: '2030-07-08',
      documentNumber: 'P123456',
      issuingCountry: 'PRT',
      personalIdentificationNumber: '123456789',
      firstName: 'MARIA PAULA',
      lastName: 'SANTOS MENDES',
      gender: 'F',
      mrzFirstName: 'MARIA PAULA',
      mrzLastName: 'SANTOS MENDES',
      nationality: 'PRT',
      placeOfBirth: '',
    },
    iproovSession: {
      attempts: 1,
      enrollmentImageSource: 'Chip',
      finished: true,
      hasError: false,
      passed: true,
      iProovAssuranceType: 'GENUINE_PRESENCE',
    },
  },
  createdAt: '2023-12-07T22:32:50Z',
  updatedAt: '2023-12-07T22:34:37Z',
} satisfies AssureProcess;

/** 000: "the status result is inconclusive since the iProov session was unsuccessful ("passed": false)". */
export const readidInconclusiveIproov = {
  processId: '7e28b214-572d-41cc-ae57-ded4d766bef9',
  provider: 'readid',
  processType: 'ready',
  status: 'inconclusive',
  providerSpecific: {
    consolidatedIdentityData: {
      chipVerification: 'SUCCEEDED',
      chipCloneDetection: 'SUCCEEDED',
      documentType: 'passport',
      firstName: 'MARIA PAULA',
      lastName: 'SANTOS MENDES',
      gender: 'F',
      nationality: 'PRT',
      dateOfBirth: '2002-04-29',
      documentNumber: 'P123456',
      dateOfExpiry: '2030-07-08',
      issuingCountry: 'PRT',
      documentCode: 'P',
      personalIdentificationNumber: '123456789',
    },
    documentContent: {
      dateOfBirth: '2002-04-29',
      dateOfExpiry: '2030-07-08',
      documentNumber: 'P123456',
      issuingCountry: 'PRT',
      personalIdentificationNumber: '123456789',
      firstName: 'MARIA PAULA',
      lastName: 'SANTOS MENDES',
      gender: 'F',
      mrzFirstName: 'MARIA PAULA',
      mrzLastName: 'SANTOS MENDES',
      nationality: 'PRT',
      placeOfBirth: '',
    },
    iproovSession: {
      attempts: 3,
      enrollmentImageSource: 'Chip',
      finished: true,
      hasError: false,
      passed: false,
      iProovAssuranceType: 'GENUINE_PRESENCE',
    },
  },
  createdAt: '2023-12-07T22:39:27Z',
  updatedAt: '2023-12-07T22:42:22Z',
} satisfies AssureProcess;

/** 002: "a response example of Get process as soon as the process was created". */
export const onfidoPending = {
  provider: 'onfido',
  status: 'pending',
  processId: '4e48363a-37cb-4cff-8f91-afc9e52271fc',
  createdAt: '2019-09-19T22:10:56Z',
  updatedAt: '2019-09-19T22:10:56Z',
} satisfies AssureProcess;

/** 002: the Onfido providerSpecific excerpt (an element only; the seed gives no status or processType). */
export const onfidoFacialSimilarityExcerpt = {
  facialSimilarity: {
    result: 'clear',
    imageIntegrity: 'clear',
    faceComparison: 'clear',
    visualAuthenticity: 'clear',
    similarityScore: 'high',
  },
};

/** 002: "Here is an example of a finalResult response" (an element only). */
export const finalResultExample = {
  firstName: 'MARIA PAULA',
  lastName: 'SANTOS MENDES',
  dateOfExpiry: '2024-03-02',
  gender: 'F',
  nationality: 'PRT',
  documentType: 'passport',
  documentNumber: '1234567890',
  issuingCountry: 'PRT',
  dateOfBirth: '2002-04-29',
  similarityScore: 'high',
  livenessDetected: 'true',
  personalIdentificationNumber: 'FANTASYBANK1234567890',
};
