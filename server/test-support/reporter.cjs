// Mocha's spec reporter plus one closing line that CI reads: "N passed, N failed, N skipped".
// Skipped suites carry their reason in their title, e.g. "[postgres] (skipped: TEST_DATABASE_URL not set)".
// With VIBEAPP_TEST_SUMMARY set, the counts are also appended to that file as one JSON line,
// so scripts/test.mjs can add up the workspaces into one closing line.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats ?? {};
      const counts = { passed: s.passes ?? 0, failed: s.failures ?? 0, skipped: s.pending ?? 0 };
      process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
      if (process.env.VIBEAPP_TEST_SUMMARY) {
        fs.appendFileSync(
          process.env.VIBEAPP_TEST_SUMMARY,
          `${JSON.stringify({ cwd: process.cwd(), ...counts })}\n`,
        );
      }
    });
  }
}
module.exports = SummaryReporter;
