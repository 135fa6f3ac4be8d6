#!/usr/bin/env bash
# Runs every test of Sluice: brings up the services the tests use (MariaDB on 127.0.0.1:3306,
# a fresh `sluice_test` database (SLUICE_TEST_DB_NAME to use another), a Kafka broker on 127.0.0.1:9092), installs
# promtool (Debian package prometheus) when it is missing, lints the OpenAPI document with Redocly CLI, installs the
# browser tests' chromium (apt-get) and npm packages (npm ci) when missing, exports where the services are, and runs
# `mvn -B verify` with a JDK 21+. Extra arguments go to Maven (e.g. -pl domain,application).
# When that run built bootstrap/target/sluice.jar, it then runs README's quickstart against it
# (scripts/quickstart-check.sh). Stops the broker again if it started it, also on failure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MAVEN_COMMAND=(mvn -B -Dstyle.color=never verify "$@")
TEST_DB=${SLUICE_TEST_DB_NAME:-sluice_test}
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

SECONDS=0
run_started=$(mktemp)
broker_started_here=false
test_pid=

on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $test_pid ]] && kill -0 "$test_pid" 2>/dev/null; then
        kill -TERM -- "-$test_pid" 2>/dev/null || true
        wait "$test_pid" 2>/dev/null || true
    fi
    rm -f "$run_started"
    if $broker_started_here; then
        bash scripts/kafka.sh stop >&2 || true
    fi
    if ((rc == 0)); then
        echo "== tests passed; wall time $((SECONDS / 60))m$((SECONDS % 60))s"
    else
        echo "== tests FAILED (exit $rc); wall time $((SECONDS / 60))m$((SECONDS % 60))s"
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sluice_pick_jdk
sluice_log "JDK: $JAVA_HOME ($("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1))"

sluice_ensure_mariadb
sluice_fresh_database "$TEST_DB"

# PublishedContractsIT checks /observe/metrics with Prometheus's promtool.
sluice_ensure_command promtool prometheus
sluice_lint_openapi
sluice_ensure_browser_tests bootstrap/src/test/browser

# The broker-outage test runs a throw-away broker of its own from these jars, whoever runs the shared one.
bash scripts/kafka.sh fetch >&2

# A broker this checkout did not start (another clone's, a developer's) is used as it is.
if bash scripts/kafka.sh status >/dev/null 2>&1 || sluice_port_open 127.0.0.1 9092; then
    sluice_log "Kafka broker already answering on 127.0.0.1:9092; using it and leaving it running"
else
    broker_started_here=true
    bash scripts/kafka.sh start >&2
fi

export SLUICE_TEST_DB_URL=jdbc:mysql://127.0.0.1:3306/$TEST_DB
export SLUICE_TEST_DB_USER=root
export SLUICE_TEST_DB_PASSWORD=
export SLUICE_TEST_KAFKA_BOOTSTRAP=127.0.0.1:9092

echo "== ${MAVEN_COMMAND[*]}"
# In the background and waited for, so a TERM/INT to this script runs the trap at once
# (bash defers traps while a foreground child runs); in its own process group, so the trap
# can stop everything the command started (Maven, forked test JVMs).
setsid "${MAVEN_COMMAND[@]}" </dev/null &
test_pid=$!
wait "$test_pid"
test_pid=

if [[ bootstrap/target/sluice.jar -nt $run_started ]]; then
    echo "== scripts/quickstart-check.sh"
    bash scripts/quickstart-check.sh
else
    sluice_log "this Maven run did not build bootstrap/target/sluice.jar; README quickstart not checked"
fi
