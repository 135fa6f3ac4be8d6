#!/usr/bin/env bash
# Charts what bootstrap's BrokerOutageIT asserts: Kafka down is not an outage. Sluice (the jar, on
# MariaDB, with the relay on) runs against a Kafka broker of this script's own; sessions are created
# about ten a second; the broker is killed for BENCH_OUTAGE seconds and started again on the same
# data, as after a crash. Once a second it prints the outbox backlog (unpublished events) and the
# age of the oldest, until the backlog is drained. A chart, not a test: nothing is asserted.
#
#   bash bench/broker-outage.sh
#
# Environment: BENCH_OUTAGE [30] s, BENCH_PORT [18081]. Work files: bench/work/outage-<timestamp>/.
# Never touches the shared broker on 127.0.0.1:9092.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

OUTAGE=${BENCH_OUTAGE:-30}
PORT=${BENCH_PORT:-18081}
DB_NAME=sluice_bench_outage
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
WORK=$ROOT/bench/work/outage-$STAMP
JAR=$ROOT/bootstrap/target/sluice.jar
SLUICE="http://127.0.0.1:$PORT"
broker_pid=
sluice_pid=

stop_all() {
    [[ -n $sluice_pid ]] && kill "$sluice_pid" 2>/dev/null && wait "$sluice_pid" 2>/dev/null
    [[ -n $broker_pid ]] && kill -KILL "$broker_pid" 2>/dev/null
    return 0
}
trap stop_all EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_broker() {
    nohup "$JAVA_HOME/bin/java" -Xmx512m -cp "$ROOT/.kafka/lib/*" \
        -Dlog4j2.configurationFile="$WORK/log4j2.properties" kafka.Kafka "$WORK/server.properties" \
        </dev/null >>"$WORK/broker.log" 2>&1 &
    broker_pid=$!
    local lines
    lines=$(grep -c 'Kafka Server started' "$WORK/broker.log" || true)
    until (($(grep -c 'Kafka Server started' "$WORK/broker.log" || true) > lines)); do
        kill -0 "$broker_pid" 2>/dev/null || sluice_die "the broker died; see $WORK/broker.log"
        sleep 0.2
    done
}

# "<unpublished events> <age of the oldest in s>", from the database itself
backlog() {
    mariadb --protocol=TCP -h 127.0.0.1 -u root -N --batch "$DB_NAME" -e \
        "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(MICROSECOND, MIN(occurred_at), UTC_TIMESTAMP(3)) / 1e6, 0)
         FROM outbox_events WHERE published_at IS NULL"
}

sluice_pick_jdk
sluice_ensure_mariadb
sluice_fresh_database "$DB_NAME"
bash scripts/kafka.sh fetch >&2
[[ -f $JAR ]] || mvn -B -q -Dstyle.color=never -pl bootstrap -am package -DskipTests
mkdir -p "$WORK"

kafka_port=$(free_port)
controller_port=$(free_port)
cat >"$WORK/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$WORK/kafka-data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
offsets.topic.num.partitions=3
transaction.state.log.num.partitions=3
EOF
printf 'rootLogger.level = INFO\nrootLogger.appenderRef.out.ref = OUT\nappender.out.type = Console\nappender.out.name = OUT\n' \
    >"$WORK/log4j2.properties"
"$JAVA_HOME/bin/java" -cp "$ROOT/.kafka/lib/*" kafka.tools.StorageTool format \
    -t "$(python3 -c 'import base64, os
while (id := base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")).startswith("-"): pass
print(id)')" \
    -c "$WORK/server.properties" --standalone >"$WORK/broker.log" 2>&1
start_broker
sluice_log "broker on 127.0.0.1:$kafka_port"

SLUICE_PORT=$PORT SLUICE_DATA_DIR="$WORK/sluice-data" SLUICE_RATE_LIMIT=0 \
    SLUICE_DB_URL="jdbc:mysql://127.0.0.1:3306/$DB_NAME" SLUICE_DB_USER=root SLUICE_DB_PASSWORD= \
    SLUICE_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" \
    "$JAVA_HOME/bin/java" -jar "$JAR" >"$WORK/sluice.log" 2>&1 &
sluice_pid=$!
until curl -fsS -o /dev/null "$SLUICE/observe/health/ready" 2>/dev/null; do
    kill -0 "$sluice_pid" 2>/dev/null || sluice_die "Sluice did not start; see $WORK/sluice.log"
    sleep 0.2
done
token=$(SLUICE_DATA_DIR="$WORK/sluice-data" "$JAVA_HOME/bin/java" -jar "$JAR" token --business biz_outage)
widget=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"Outage shop","mode":"CUSTOMER_AMOUNT"}' \
    "$SLUICE/api/v1/businesses/biz_outage/widgets/create-widget")
widget_id=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' <<<"$widget")
widget_secret=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["clientSecret"])' <<<"$widget")

# sessions, about ten a second, until the file named by $1 disappears
create_sessions() {
    while [[ -f $1 ]]; do
        curl -fsS -o /dev/null -H "X-Client-Secret: $widget_secret" -H 'Content-Type: application/json' \
            -d '{"amount":"100","currency":"USDC","network":"polygon","currencyAddress":"","depositAddress":"0xMerchant"}' \
            "$SLUICE/api/v1/widgets/$widget_id/create-session" || echo "create-session failed" >&2
        sleep 0.1
    done
}
touch "$WORK/creating"
create_sessions "$WORK/creating" &
creator=$!

echo "Outbox backlog through a ${OUTAGE} s Kafka outage (t from the kill; sessions created about 10/s until the broker is back)"
printf '%6s  %8s  %10s  %s\n' t backlog "oldest (s)" broker
kill -KILL "$broker_pid"
wait "$broker_pid" 2>/dev/null || true
started=$SECONDS
broker=down
while :; do
    t=$((SECONDS - started))
    if [[ $broker == down ]] && ((t >= OUTAGE)); then
        rm -f "$WORK/creating"
        wait "$creator"
        start_broker
        broker=up
        t=$((SECONDS - started))
        back=$t
    fi
    read -r count oldest <<<"$(backlog)"
    printf '%6d  %8d  %10.1f  %s\n' "$t" "$count" "$oldest" "$broker"
    [[ $broker == up ]] && ((count == 0)) && break
    sleep 1
done
echo "broker ready again at t=$back s (its start took $((back - OUTAGE)) s); backlog drained by t=$t s; work files: $WORK"
