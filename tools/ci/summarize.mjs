// Prints vitest JSON reports as the one plain line CI reads: "tests: N passed, N failed, N skipped".
import fs from 'node:fs';

let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) { console.error(`no test report at ${file}`); failed += 1; continue; }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  // A file that failed without a failed test (it did not load) counts once; failed describe blocks do not.
  const unloaded = (report.testResults ?? []).filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed')).length;
  failed += report.numFailedTests + unloaded;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
