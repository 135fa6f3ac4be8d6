#!/usr/bin/env bash
# What open status streams cost one Sluice instance (bench/README.md, "Status streams"): Sluice on
# MariaDB (a fresh `sluice_bench_streams` database, Kafka off, the JVM options of scripts/sluice.sh),
# then bench/loadgen's StreamBench opens streams level by level and reports, per level, the status
# watcher's database queries per second, the server-wide statement rate, heap after a full GC, RSS,
# and the time from an observation's answer to its event on the stream.
#
#   bash bench/streams.sh [LEVELS]     LEVELS: open streams per step, default 0,1,1000,5000
#
# Results: bench/results/<timestamp>-streams.json; logs in bench/work/<timestamp>-streams/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

LEVELS=${1:-0,1,1000,5000}
PORT=${BENCH_PORT:-18090}
DB_NAME=sluice_bench_streams
DB_URL=jdbc:mysql://127.0.0.1:3306/$DB_NAME
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$ROOT/bench/work/$STAMP-streams
RESULT=$ROOT/bench/results/$STAMP-streams.json
JAR=$ROOT/bootstrap/target/sluice.jar
LOADGEN=$ROOT/bench/loadgen
mkdir -p "$WORK" "$ROOT/bench/results"
sluice_pid=

on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n $sluice_pid ]] && kill -0 "$sluice_pid" 2>/dev/null; then
        kill -TERM "$sluice_pid" 2>/dev/null || true
        wait "$sluice_pid" 2>/dev/null || true
    fi
    ((rc == 0)) || echo "== stream bench FAILED (exit $rc); logs in $WORK" >&2
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sluice_pick_jdk
sluice_ensure_mariadb
sluice_fresh_database "$DB_NAME"
if [[ ! -f $JAR ]]; then
    mvn -o -B -q -Dstyle.color=never -pl bootstrap -am package -DskipTests </dev/null >"$WORK/build.log" 2>&1 ||
        { tail -n 40 "$WORK/build.log" >&2; sluice_die "building Sluice failed"; }
fi
(cd "$LOADGEN" && mvn -o -B -q -Dstyle.color=never package -DskipTests </dev/null >"$WORK/loadgen-build.log" 2>&1) ||
    { tail -n 40 "$WORK/loadgen-build.log" >&2; sluice_die "building bench/loadgen failed"; }

SLUICE_PORT=$PORT SLUICE_DATA_DIR=$WORK/sluice-data SLUICE_DB_URL=$DB_URL SLUICE_DB_USER=root SLUICE_DB_PASSWORD= \
    SLUICE_RATE_LIMIT=0 SLUICE_MAX_STREAMS=20000 \
    java -XX:+UseSerialGC -Xms64m -Xmx256m -jar "$JAR" >"$WORK/sluice.log" 2>&1 &
sluice_pid=$!
deadline=$((SECONDS + 60))
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/observe/health/ready" 2>/dev/null; do
    ((SECONDS < deadline)) && kill -0 "$sluice_pid" 2>/dev/null || { tail -n 40 "$WORK/sluice.log" >&2; sluice_die "Sluice did not get ready"; }
    sleep 0.2
done
business=$(SLUICE_DATA_DIR=$WORK/sluice-data java -jar "$JAR" token --business biz_bench --ttl PT2H)
processor=$(SLUICE_DATA_DIR=$WORK/sluice-data java -jar "$JAR" token --scope deposits:observe --ttl PT2H)
java -Xmx512m -cp "$LOADGEN/target/classes:$LOADGEN/target/libs/*" dev.sluice.bench.StreamBench \
    "http://127.0.0.1:$PORT" "$business" "$processor" "$sluice_pid" "$DB_URL" "$LEVELS" "$RESULT"
echo "results: $RESULT"
