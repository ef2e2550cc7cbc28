// Mocha's spec reporter plus one closing line that CI reads: "N passed, N failed, N skipped".
// Skipped suites carry their reason in their title, e.g. "[postgres] (skipped: TEST_DATABASE_URL not set)".
// With VIBEAPP_TEST_SUMMARY set, the counts are also appended to that file as one JSON line,
// so scripts/test.mjs can add up the workspaces into one closing line. The failed tests are
// named again just above that line (title and the error's first line): a CI log that keeps
// only its tail still says what failed.
// The run must end by itself (no forced exit): if a leaked handle keeps the process alive
// STALL_S seconds after the last test, the reporter names what is still open and exits 1,
// so a leak fails the run instead of hanging it.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;
const STALL_S = Number(process.env.VIBEAPP_TEST_STALL_S ?? 30);

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      const first = String(error?.message ?? error)
        .split('\n')[0]
        .slice(0, 300);
      failures.push(`${test.fullTitle()}: ${first}`);
    });
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats ?? {};
      const counts = { passed: s.passes ?? 0, failed: s.failures ?? 0, skipped: s.pending ?? 0 };
      if (failures.length) process.stdout.write(`\nfailed:\n${failures.map((f) => `  - ${f}`).join('\n')}\n`);
      process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
      if (process.env.VIBEAPP_TEST_SUMMARY) {
        fs.appendFileSync(
          process.env.VIBEAPP_TEST_SUMMARY,
          `${JSON.stringify({ cwd: process.cwd(), ...counts, failures })}\n`,
        );
      }
      // Unref'd: this timer alone never keeps the process alive.
      setTimeout(() => {
        const open = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap' && r !== 'PipeWrap');
        process.stderr.write(
          `\nthe test run did not end by itself ${STALL_S} s after its last test; still open: ${open.join(', ') || '(nothing listed)'}\n`,
        );
        process.exit(1);
      }, STALL_S * 1000).unref();
    });
  }
}
module.exports = SummaryReporter;
