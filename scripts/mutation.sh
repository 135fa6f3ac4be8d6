#!/usr/bin/env bash
# Mutation testing of domain and application with PIT (pitest-maven 1.30.2, JUnit 5 plugin 1.2.3):
# how many of the small faults PIT plants in their code the tests catch. Not run in CI: it takes
# minutes. Extra arguments go to Maven. Reports: domain/target/pit-reports/index.html and
# application/target/pit-reports/index.html; the killed share per module is printed at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
sluice_pick_jdk

# `package`, not `test-compile`: PIT takes application's domain from the jar the reactor just built
# (with `test-compile` it takes whatever sluice-domain jar the local repository holds, stale or not).
mvn -B -Dstyle.color=never -pl domain,application -Dmaven.test.skip.exec=true package \
    org.pitest:pitest-maven:mutationCoverage "$@"

for module in domain application; do
    python3 - "$module" <<'PY'
import sys
import xml.etree.ElementTree as ET

module = sys.argv[1]
mutations = ET.parse(f"{module}/target/pit-reports/mutations.xml").getroot()
statuses = [m.get("status") for m in mutations]
killed = statuses.count("KILLED") + statuses.count("TIMED_OUT") + statuses.count("MEMORY_ERROR")
covered = len(statuses) - statuses.count("NO_COVERAGE")
print(f"{module}: {len(statuses)} mutants, {killed} killed ({100 * killed / len(statuses):.0f} %),"
      f" test strength {100 * killed / covered:.0f} %")
PY
done
