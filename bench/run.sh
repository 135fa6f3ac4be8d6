#!/usr/bin/env bash
# The create-session benchmark (bench/README.md). One run, about 5 minutes on 2 cores:
#   1. MariaDB up (started if down), a fresh `sluice_bench` database, the Kafka broker up
#      (started if down, and then stopped again at the end; a running broker is left alone);
#   2. ready time of the embedded default (H2, Kafka off), first start on an empty data directory;
#   (before 2 and 3 it waits, up to 60 s, until the machine is at least 80 % idle)
#   3. Sluice from bootstrap/target/sluice.jar on MariaDB with the relay on; ready time;
#   4. bench/loadgen: create a widget, warm up, create-session at each concurrency, relay lag,
#      RSS and CPU per process; then Sluice is stopped and the JDBC ceiling runs on the same tables;
#   5. one table on stdout, the same figures in bench/results/<timestamp>[-label].json.
#
#   bash bench/run.sh [--label NAME] [--jfr] [--aot] [--rebuild]
#     --label NAME  added to the results file name and the table (e.g. before, after)
#     --aot         train a JDK AOT cache (JDK 25: -XX:AOTCacheOutput) on one embedded start, then start
#                   both measured Sluice processes with it (-XX:AOTCache)
#     --jfr         record Sluice with JFR (profile settings); bench/work/<timestamp>/sluice.jfr,
#                   hot methods, allocations and lock contention summarised beside it
#     --rebuild     build the Sluice jar even when it exists
#
# Environment (defaults in brackets):
#   BENCH_SLUICE_JAVA_OPTS  JVM options for Sluice [none: the JVM's defaults]
#   BENCH_SLUICE_ENV        extra VAR=value settings for Sluice, space-separated [none]
#   BENCH_POOL_SIZE         SLUICE_DB_POOL_SIZE, and the ceiling's pool [16]
#   BENCH_DB_URL_OPTIONS    Connector/J options appended to the JDBC URL of Sluice and the ceiling alike,
#                           e.g. cachePrepStmts=true&useLocalSessionState=true [none]
#   BENCH_CONCURRENCY [16,64,256]  BENCH_WARMUP [20] s at least, then until the throughput settles (≤ 180 s more)  BENCH_DURATION [30] s  BENCH_CEILING_DURATION [20] s
#   BENCH_PORT [18080]  BENCH_DB_NAME [sluice_bench]
#   BENCH_JAR               the Sluice jar to measure, with its libs/ beside it [bootstrap/target/sluice.jar,
#                           built if missing]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

LABEL=""
JFR=false
AOT=false
REBUILD=false
while (($#)); do
    case $1 in
        --label) LABEL=${2:?--label needs a name}; shift 2 ;;
        --jfr) JFR=true; shift ;;
        --aot) AOT=true; shift ;;
        --rebuild) REBUILD=true; shift ;;
        *) sed -n '2,30s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
    esac
done

PORT=${BENCH_PORT:-18080}
POOL_SIZE=${BENCH_POOL_SIZE:-16}
DB_NAME=${BENCH_DB_NAME:-sluice_bench}
DB_URL=jdbc:mysql://127.0.0.1:3306/$DB_NAME${BENCH_DB_URL_OPTIONS:+?$BENCH_DB_URL_OPTIONS}
KAFKA=127.0.0.1:9092
BUSINESS=biz_bench
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
TOPIC=bench-events-$STAMP
WORK=$ROOT/bench/work/$STAMP
RESULT=$ROOT/bench/results/$STAMP${LABEL:+-$LABEL}.json
JAR=${BENCH_JAR:-$ROOT/bootstrap/target/sluice.jar}
LOADGEN=$ROOT/bench/loadgen
mkdir -p "$WORK" "$ROOT/bench/results"

broker_started_here=false
sluice_pid=
embedded_pid=

on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    for pid in $embedded_pid $sluice_pid; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    if $broker_started_here; then
        bash scripts/kafka.sh stop >&2 || true
    fi
    ((rc == 0)) || echo "== bench FAILED (exit $rc); logs in $WORK" >&2
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_broker() {
    if bash scripts/kafka.sh status >/dev/null 2>&1; then
        sluice_log "Kafka broker already running; using it and leaving it running"
    elif (: </dev/tcp/127.0.0.1/9092) 2>/dev/null; then
        sluice_log "a Kafka broker this checkout did not start answers on 127.0.0.1:9092; using it and leaving it running"
    else
        broker_started_here=true
        bash scripts/kafka.sh start >&2
    fi
}

build() {
    if $REBUILD || [[ ! -f $JAR ]]; then
        sluice_log "building $JAR"
        mvn -o -B -q -Dstyle.color=never -pl bootstrap -am package -DskipTests </dev/null >"$WORK/build.log" 2>&1 ||
            { tail -n 40 "$WORK/build.log" >&2; sluice_die "building Sluice failed (log: $WORK/build.log)"; }
    fi
    # A private copy: other work may rebuild bootstrap/target while the bench runs.
    mkdir -p "$WORK/app"
    cp -r "$JAR" "$(dirname "$JAR")/libs" "$WORK/app/"
    APP_JAR=$WORK/app/sluice.jar
    sluice_log "building the load generator"
    rm -rf "$LOADGEN/target/libs"
    (cd "$LOADGEN" && mvn -o -B -q -Dstyle.color=never package -DskipTests </dev/null >"$WORK/loadgen-build.log" 2>&1) ||
        { tail -n 40 "$WORK/loadgen-build.log" >&2; sluice_die "building bench/loadgen failed (log: $WORK/loadgen-build.log)"; }
}

now_ms() { date +%s%3N; }

# wait_ready PID PORT LOG: polls readiness every 20 ms; prints the ms since $start_ms.
wait_ready() {
    local pid=$1 port=$2 log=$3 deadline=$((SECONDS + 120))
    until curl -fsS -o /dev/null "http://127.0.0.1:$port/observe/health/ready" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; sluice_die "Sluice exited during start-up (log: $log)"; }
        ((SECONDS < deadline)) || sluice_die "Sluice not ready on port $port after 120 s (log: $log)"
        sleep 0.02
    done
    echo $(($(now_ms) - start_ms))
}

stop() {
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# wait_quiet: waits (up to 60 s) until the machine is at least 80 % idle over one second, so that
# what ran before (a build, another run's broker, MariaDB dropping the last run's tables, which it
# does in the background) is not measured as Sluice's start or load.
wait_quiet() {
    local deadline=$((SECONDS + 60)) waited_from=$SECONDS a b idle total
    while ((SECONDS < deadline)); do
        read -ra a < <(head -n 1 /proc/stat)
        sleep 1
        read -ra b < <(head -n 1 /proc/stat)
        idle=$((b[4] - a[4]))
        total=0
        for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
        if ((total > 0 && idle * 100 / total >= 80)); then
            sluice_log "machine quiet after $((SECONDS - waited_from)) s"
            return 0
        fi
    done
    sluice_log "WARNING: the machine stayed busy for 60 s; measuring anyway (see the load average)"
}

sluice_pick_jdk
sluice_log "JDK: $JAVA_HOME"
build
sluice_ensure_mariadb
sluice_fresh_database "$DB_NAME"
ensure_broker
wait_quiet
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
sluice_log "load average before the run: $load_before"

java_opts=${BENCH_SLUICE_JAVA_OPTS:-}
# JFR adds the jdk.jfr module; an AOT cache is refused unless it was trained with the same modules.
if $JFR; then
    java_opts+=" --add-modules jdk.jfr"
fi

# start_embedded NAME [JAVA OPTIONS]: the embedded default's first start (no database or Kafka
# settings, an empty data directory) until ready, then stopped; prints the ready time.
start_embedded() {
    local name=$1 ms
    shift
    start_ms=$(now_ms)
    # shellcheck disable=SC2046,SC2068 # unset every SLUICE_* of this shell; $@ is a list of options
    env $(env | sed -n 's/^\(SLUICE_[A-Z_]*\)=.*/-u \1/p') SLUICE_DATA_DIR="$WORK/$name-data" \
        SLUICE_PORT=$((PORT + 1)) java $@ -jar "$APP_JAR" >"$WORK/$name.log" 2>&1 &
    embedded_pid=$!
    ms=$(wait_ready "$embedded_pid" $((PORT + 1)) "$WORK/$name.log") || { stop "$embedded_pid"; return 1; }
    stop "$embedded_pid"
    embedded_pid=
    echo "$ms"
}

if $AOT; then
    # shellcheck disable=SC2086 # java_opts is a list of options
    training_ms=$(start_embedded aot-training $java_opts -XX:AOTCacheOutput="$WORK/sluice.aot")
    [[ -f $WORK/sluice.aot ]] || sluice_die "the JVM wrote no AOT cache (log: $WORK/aot-training.log)"
    java_opts+=" -XX:AOTCache=$WORK/sluice.aot"
    sluice_log "AOT cache trained on one embedded start ($training_ms ms to ready): $WORK/sluice.aot"
fi
# shellcheck disable=SC2086 # java_opts is a list of options
embedded_ready_ms=$(start_embedded embedded $java_opts)
sluice_log "embedded default ready in $embedded_ready_ms ms"
wait_quiet

# Production-like: MariaDB, the relay on, the rate limit off (it would cap one widget's load at
# 60 calls a minute per client address, and all load comes from one address).
settings=(SLUICE_PORT="$PORT" SLUICE_DATA_DIR="$WORK/sluice-data" SLUICE_DB_URL="$DB_URL" SLUICE_DB_USER=root
    SLUICE_DB_PASSWORD= SLUICE_DB_POOL_SIZE="$POOL_SIZE" SLUICE_KAFKA_BOOTSTRAP_SERVERS="$KAFKA"
    SLUICE_KAFKA_EVENTS_TOPIC="$TOPIC" SLUICE_RATE_LIMIT=0)
# shellcheck disable=SC2206 # BENCH_SLUICE_ENV is a list of VAR=value words
settings+=(${BENCH_SLUICE_ENV:-})
if $JFR; then
    java_opts+=" -XX:StartFlightRecording=filename=$WORK/sluice.jfr,settings=profile,dumponexit=true"
fi
start_ms=$(now_ms)
# shellcheck disable=SC2086 # java_opts is a list of options
env "${settings[@]}" java $java_opts -jar "$APP_JAR" >"$WORK/sluice.log" 2>&1 &
sluice_pid=$!
ready_ms=$(wait_ready "$sluice_pid" "$PORT" "$WORK/sluice.log")
sluice_log "Sluice on MariaDB + Kafka ready in $ready_ms ms (pid $sluice_pid, log $WORK/sluice.log)"

token=$(SLUICE_DATA_DIR="$WORK/sluice-data" java -jar "$APP_JAR" token --business "$BUSINESS" --ttl PT2H)
watch="mariadb:$(pidof -s mariadbd)"
broker=$(ss -ltnpH 'sport = :9092' 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
[[ -n $broker ]] && watch+=",kafka:$broker"

java -Xmx512m -cp "$LOADGEN/target/classes:$LOADGEN/target/libs/*" dev.sluice.bench.Bench \
    --label="$LABEL" --started-at="$STAMP" --commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --sluice-url="http://127.0.0.1:$PORT" --sluice-pid="$sluice_pid" --token="$token" --business="$BUSINESS" \
    --kafka="$KAFKA" --topic="$TOPIC" --db-url="$DB_URL" --db-user=root --db-password= --pool-size="$POOL_SIZE" \
    --concurrency="${BENCH_CONCURRENCY:-16,64,256}" --warmup="${BENCH_WARMUP:-20}" \
    --duration="${BENCH_DURATION:-30}" --ceiling-duration="${BENCH_CEILING_DURATION:-20}" \
    --watch="$watch" --clk-tck="$(getconf CLK_TCK)" --load-before="$load_before" \
    --ready-ms="$ready_ms" --embedded-ready-ms="$embedded_ready_ms" \
    --sluice-java-opts="$java_opts" --sluice-settings="SLUICE_DB_URL=$DB_URL SLUICE_DB_POOL_SIZE=$POOL_SIZE SLUICE_RATE_LIMIT=0 ${BENCH_SLUICE_ENV:-}" \
    --out="$RESULT" | tee "$WORK/table.txt"
wait "$sluice_pid" 2>/dev/null || true
sluice_pid=

if $JFR; then
    for view in hot-methods allocation-by-class contention-by-site gc-pauses; do
        jfr view --width 160 "$view" "$WORK/sluice.jfr" >"$WORK/jfr-$view.txt" 2>&1 || true
    done
    sluice_log "JFR: $WORK/sluice.jfr; summaries in $WORK/jfr-*.txt"
fi
