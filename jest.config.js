// Two projects over the same sources: every test once under the machine's TZ (npm test sets UTC), and
// the date-sensitive suites again under a far-off zone to prove results never depend on it.
const shared = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '.*\\.(spec|test)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: { '^@sg/(.*)$': '<rootDir>/libs/$1/src' },
};

const { availableParallelism } = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default (one worker fewer than the cores) runs one file at a time on two cores, yet most
  // files spend their time waiting on a server, a browser or a child process: two at once took the
  // suite from 1,023 s to 616 s on a two-core machine.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // A hook that starts an engine, or a 10,000-event stream, takes well under 5 s on a quiet
  // machine and more beside other work: a timeout is there to end a hung test, not to time one.
  // A global setting: Jest does not take it from a project.
  testTimeout: 30_000,
  globalSetup: '<rootDir>/test/support/servers/global-setup.js',
  globalTeardown: '<rootDir>/test/support/servers/global-teardown.js',
  projects: [
    {
      ...shared,
      displayName: 'all',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
    },
    {
      ...shared,
      displayName: 'timezone-sensitive',
      roots: ['<rootDir>/libs/working-days', '<rootDir>/test/cli'],
      // The CLI's other commands print no dates of their own: only due-date's answer turns on TZ.
      testRegex: ['libs/working-days/.*\\.spec\\.ts$', 'test/cli/due-date\\.test\\.ts$'],
    },
  ],
};
