#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft, broker+controller) on 127.0.0.1:9092 for development
# and tests, run from the Maven Central jars of org.apache.kafka:kafka_2.13 (no Docker needed).
#
#   scripts/kafka.sh start            fetch jars if missing, fresh storage, start, wait until ready
#   scripts/kafka.sh fetch            only fetch the jars into .kafka/lib (once)
#   scripts/kafka.sh stop             stop it (fine when not running) and delete its data
#   scripts/kafka.sh wait [SECONDS]   wait until ready (default 60 s); exit 1 on timeout
#   scripts/kafka.sh status           exit 0 ready, 1 running but not ready, 3 not running
#   scripts/kafka.sh topics [ARGS]    kafka-topics against the broker (default: --list)
#   scripts/kafka.sh tool CLASS [ARGS] any class from the jars, e.g.
#       scripts/kafka.sh tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:9092 --topic t
#
# Everything lives in .kafka/ (gitignored): lib/ jars, data/ (throw-away, recreated on every
# start), server.properties, broker.log, broker.pid.
# Environment: KAFKA_START_TIMEOUT (s, default 90), KAFKA_JVM_OPTS (extra JVM options).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

HOST=127.0.0.1
PORT=9092
CONTROLLER_PORT=9093
KAFKA_DIR=$ROOT/.kafka
LIB_DIR=$KAFKA_DIR/lib
DATA_DIR=$KAFKA_DIR/data
CONFIG=$KAFKA_DIR/server.properties
LOG4J_CONFIG=$KAFKA_DIR/log4j2.properties
LOG=$KAFKA_DIR/broker.log
PID_FILE=$KAFKA_DIR/broker.pid
POM=$ROOT/scripts/kafka-broker/pom.xml
# Logged by KafkaRaftServer once the broker is unfenced, i.e. metadata is served.
READY_LINE='Kafka Server started'

usage() {
    sed -n '2,16s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

# Serialises start/stop so two callers cannot format or kill under each other.
take_lock() {
    mkdir -p "$KAFKA_DIR"
    exec 9>"$KAFKA_DIR/.lock"
    flock -w 300 9 || sluice_die "another scripts/kafka.sh is still busy (lock $KAFKA_DIR/.lock)"
}

# Prints the broker's pid if our broker is alive. Checking the command line guards against
# a stale pid file whose number now belongs to another process.
broker_pid() {
    local pid
    [[ -r $PID_FILE ]] || return 1
    pid=$(<"$PID_FILE")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $CONFIG" || return 1
    printf '%s\n' "$pid"
}

is_ready() {
    broker_pid >/dev/null &&
        sluice_port_open "$HOST" "$PORT" &&
        grep -qF "$READY_LINE" "$LOG" 2>/dev/null
}

show_log_tail() {
    if [[ -r $LOG ]]; then
        echo "---- last lines of $LOG ----" >&2
        tail -n 40 "$LOG" >&2
        echo "----" >&2
    fi
}

# wait_ready SECONDS [PID]: with a PID, give up at once when that process has died.
wait_ready() {
    local deadline=$((SECONDS + $1)) pid=${2:-}
    until is_ready; do
        if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
            show_log_tail
            rm -f "$PID_FILE"
            sluice_die "Kafka broker exited during start-up (see $LOG)"
        fi
        if ((SECONDS >= deadline)); then
            broker_pid >/dev/null || sluice_die "Kafka broker not running; start it with scripts/kafka.sh start"
            show_log_tail
            echo "ERROR: Kafka broker not ready on $HOST:$PORT after $1 s (log: $LOG)" >&2
            return 1
        fi
        sleep 0.5
    done
}

maven() {
    if [[ -x $ROOT/mvnw ]]; then "$ROOT/mvnw" "$@"; else mvn "$@"; fi
}

# Copies the jars once; the stamp names a hash of the pom, so editing it refetches.
fetch_jars() {
    local stamp
    stamp=$LIB_DIR/.complete-$(sha1sum "$POM" | cut -c1-12)
    [[ -f $stamp ]] && return 0
    sluice_log "fetching Kafka jars with Maven into $LIB_DIR (once)"
    rm -rf "$LIB_DIR.tmp"
    if ! maven -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
        -Dkafka.lib.dir="$LIB_DIR.tmp" </dev/null >"$KAFKA_DIR/fetch.log" 2>&1; then
        tail -n 40 "$KAFKA_DIR/fetch.log" >&2
        sluice_die "could not fetch the Kafka jars (Maven Central reachable? full output: $KAFKA_DIR/fetch.log)"
    fi
    rm -rf "$LIB_DIR"
    mv "$LIB_DIR.tmp" "$LIB_DIR"
    touch "$stamp"
}

# A Kafka Uuid: 16 random bytes, URL-safe base64 without padding. Kafka never hands out ids
# starting with '-', since they read as an option on a command line.
cluster_id() {
    local id
    while :; do
        id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
        [[ $id != -* ]] && break
    done
    printf '%s\n' "$id"
}

write_config() {
    cat >"$CONFIG" <<EOF
# Written by scripts/kafka.sh on every start; edits here are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR

num.partitions=3
auto.create.topics.enable=true
default.replication.factor=1
min.insync.replicas=1
# One broker: every internal topic must live with a single replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Fewer partitions than the default 50 make the first consumer group / transaction much faster.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
# Tests join consumer groups often; do not wait 3 s for more members.
group.initial.rebalance.delay.ms=0
EOF
    cat >"$LOG4J_CONFIG" <<'EOF'
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
# The full configuration dumps (2,000 lines per start); server.properties says the same.
logger.config.name = org.apache.kafka.common.config.AbstractConfig
logger.config.level = WARN
EOF
}

cmd_start() {
    local pid started=$SECONDS
    take_lock
    if pid=$(broker_pid); then
        sluice_log "Kafka broker already running (pid $pid)"
        wait_ready "${KAFKA_START_TIMEOUT:-90}" "$pid"
        echo "Kafka broker ready on $HOST:$PORT (pid $pid); log: $LOG"
        return 0
    fi
    if sluice_port_open "$HOST" "$PORT" || sluice_port_open "$HOST" "$CONTROLLER_PORT"; then
        sluice_die "port $PORT or $CONTROLLER_PORT on $HOST is taken by a process this script did not start; stop it first"
    fi
    sluice_pick_jdk
    fetch_jars
    rm -rf "$DATA_DIR" "$PID_FILE"
    mkdir -p "$DATA_DIR"
    write_config
    "$JAVA_HOME/bin/java" -cp "$LIB_DIR/*" -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
        kafka.tools.StorageTool format -t "$(cluster_id)" -c "$CONFIG" --standalone \
        </dev/null >"$LOG" 2>&1 || { show_log_tail; sluice_die "formatting Kafka storage failed"; }
    # nohup + no job control: the broker survives the shell that started it and ignores
    # Ctrl-C there; fd 9 (the lock) is not inherited, or the lock would be held forever.
    # shellcheck disable=SC2086
    nohup "$JAVA_HOME/bin/java" -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
        -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true -Dlog4j2.shutdownHookEnabled=false \
        -Dlog4j2.configurationFile="$LOG4J_CONFIG" ${KAFKA_JVM_OPTS:-} \
        -cp "$LIB_DIR/*" kafka.Kafka "$CONFIG" </dev/null >>"$LOG" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    wait_ready "${KAFKA_START_TIMEOUT:-90}" "$pid" || {
        kill -KILL "$pid" 2>/dev/null || true
        rm -f "$PID_FILE"
        exit 1
    }
    echo "Kafka broker ready on $HOST:$PORT (pid $pid, $((SECONDS - started)) s, JDK $JAVA_HOME)"
    echo "log: $LOG   stop: scripts/kafka.sh stop"
}

cmd_stop() {
    local pid deadline
    take_lock
    if pid=$(broker_pid); then
        sluice_log "stopping Kafka broker (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + 30))
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
        if kill -0 "$pid" 2>/dev/null; then
            sluice_log "broker did not stop within 30 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
        fi
        echo "Kafka broker stopped"
    else
        echo "Kafka broker not running"
    fi
    rm -rf "$PID_FILE" "$DATA_DIR"
}

cmd_wait() {
    local timeout_s=${1:-60}
    [[ $timeout_s =~ ^[0-9]+$ ]] || sluice_die "wait: SECONDS must be a whole number, got '$timeout_s'"
    wait_ready "$timeout_s"
    echo "Kafka broker ready on $HOST:$PORT"
}

cmd_status() {
    local pid
    if ! pid=$(broker_pid); then
        echo "Kafka broker not running"
        return 3
    fi
    if is_ready; then
        echo "Kafka broker running (pid $pid), ready on $HOST:$PORT; log: $LOG"
        return 0
    fi
    echo "Kafka broker running (pid $pid), not ready yet; log: $LOG"
    return 1
}

cmd_tool() {
    (($# >= 1)) || usage
    [[ -n $(compgen -G "$LIB_DIR/.complete-*") ]] || sluice_die "no Kafka jars yet; run scripts/kafka.sh start first"
    sluice_pick_jdk
    exec "$JAVA_HOME/bin/java" -cp "$LIB_DIR/*" "$@"
}

cmd_topics() {
    (($#)) || set -- --list
    cmd_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$HOST:$PORT" "$@"
}

main() {
    (($#)) || usage
    local cmd=$1
    shift
    case $cmd in
        start) cmd_start ;;
        fetch) take_lock; fetch_jars ;;
        stop) cmd_stop ;;
        wait) cmd_wait "$@" ;;
        status) cmd_status ;;
        topics) cmd_topics "$@" ;;
        tool) cmd_tool "$@" ;;
        -h | --help | help) usage ;;
        *) echo "unknown command: $cmd" >&2; usage ;;
    esac
}

# On one line so bash has read all of it before running: editing this file while a broker
# start is waiting cannot make the running script execute a shifted remainder.
main "$@"; exit $?
