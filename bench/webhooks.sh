#!/usr/bin/env bash
# Webhook throughput and commit-to-delivery lag (bench/README.md, "Webhooks"): Sluice from
# bootstrap/target/sluice.jar on a fresh MariaDB database `sluice_bench_webhooks`, Kafka off, one
# endpoint on a local receiver (bench/loadgen WebhookBench), create-session load for a while, then
# the wait until every event has arrived. About a minute.
#
#   bash bench/webhooks.sh [CONNECTIONS [SECONDS]]     (defaults: 16 connections, 30 s)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

CONNECTIONS=${1:-16}
DURATION=${2:-30}
PORT=${BENCH_PORT:-18090}
DB_NAME=sluice_bench_webhooks
BUSINESS=biz_bench_webhooks
JAR=$ROOT/bootstrap/target/sluice.jar
LOADGEN=$ROOT/bench/loadgen
WORK=$ROOT/bench/work/webhooks-$(date -u +%Y%m%dT%H%M%SZ)

sluice_pick_jdk
[[ -f $JAR ]] || sluice_die "$JAR is missing; build it first (mvn -B package -DskipTests -pl bootstrap -am)"
mkdir -p "$WORK"
(cd "$LOADGEN" && mvn -o -B -q -Dstyle.color=never package -DskipTests </dev/null >"$WORK/loadgen-build.log" 2>&1) ||
    { tail -n 40 "$WORK/loadgen-build.log" >&2; sluice_die "building bench/loadgen failed"; }
sluice_ensure_mariadb
sluice_fresh_database "$DB_NAME"

# shellcheck disable=SC2046 # unset every SLUICE_* of this shell
env $(env | sed -n 's/^\(SLUICE_[A-Z_]*\)=.*/-u \1/p') SLUICE_PORT="$PORT" SLUICE_DATA_DIR="$WORK/data" \
    SLUICE_DB_URL="jdbc:mysql://127.0.0.1:3306/$DB_NAME" SLUICE_DB_USER=root SLUICE_DB_PASSWORD= \
    SLUICE_RATE_LIMIT=0 SLUICE_WEBHOOKS_ALLOW_PRIVATE=true java -jar "$JAR" >"$WORK/sluice.log" 2>&1 &
sluice_pid=$!
trap 'kill -TERM $sluice_pid 2>/dev/null || true; wait $sluice_pid 2>/dev/null || true' EXIT
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/observe/health/ready" 2>/dev/null; do
    kill -0 "$sluice_pid" 2>/dev/null || { tail -n 40 "$WORK/sluice.log" >&2; sluice_die "Sluice exited during start-up"; }
    sleep 0.1
done
token=$(SLUICE_DATA_DIR="$WORK/data" java -jar "$JAR" token --business "$BUSINESS")
sluice_log "Sluice up on $PORT; $CONNECTIONS connections for $DURATION s"
java -Xmx512m -cp "$LOADGEN/target/classes:$LOADGEN/target/libs/*" dev.sluice.bench.WebhookBench \
    "http://127.0.0.1:$PORT" "$token" "$BUSINESS" "$CONNECTIONS" "$DURATION" | tee "$WORK/result.txt"
