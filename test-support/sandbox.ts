// The sandbox as server tests use it: started beside the server over HTTP, as scripts/stack.ts composes them. Only
// test-support imports the sandbox; server code (tests included) goes through here.
export { startSandbox, type RunningSandbox } from '../src/sandbox/index';
export { SCENARIOS } from '../src/sandbox/scenarios';
export type { VariantsPatch } from '../src/sandbox/variants';
