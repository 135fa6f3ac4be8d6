#!/usr/bin/env bash
# Runs README.md's quickstart against a fresh embedded default and checks what it got, so the
# README cannot rot: starts bootstrap/target/sluice.jar (as built by `mvn verify`) on a free port
# with a throw-away data directory, runs the README's ```bash quickstart blocks in order in one
# bash with `set -euo pipefail` (every curl in them fails on an error answer), then checks the
# end state, webhooks included (the README's receiver listens on a free port here). Needs neither
# MariaDB nor Kafka.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
sluice_pick_jdk

JAR=bootstrap/target/sluice.jar
[[ -f $JAR ]] || sluice_die "$JAR is missing; build it first (mvn -B package -DskipTests -pl bootstrap -am)"

SECONDS=0
work=$(mktemp -d)
server_pid=
on_exit() {
    local rc=$?
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if ((rc != 0)) && [[ -f $work/server.log ]]; then
        echo "== Sluice's output:" >&2
        tail -n 40 "$work/server.log" >&2
    fi
    rm -rf "$work"
    exit "$rc"
}
trap on_exit EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
receiver_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SLUICE_DATA_DIR=$work/data SLUICE=http://localhost:$port RECEIVER_PORT=$receiver_port
SLUICE_PORT=$port java -jar "$JAR" >"$work/server.log" 2>&1 &
server_pid=$!
until curl -sf "$SLUICE/observe/health/ready" >/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || sluice_die "Sluice stopped before it was ready"
    ((SECONDS < 60)) || sluice_die "Sluice was not ready within 60 s"
    sleep 0.2
done
sluice_log "Sluice ready on port $port after ${SECONDS}s"

awk '/^```bash quickstart[ \t]*$/ { inside = 1; next } inside && /^```/ { inside = 0; next } inside' README.md \
    >"$work/quickstart.sh"
blocks=$(grep -c '^```bash quickstart' README.md || true)
((blocks > 0)) || sluice_die "README.md has no \`\`\`bash quickstart blocks"

# What the pasted commands must have achieved, read with the variables they set.
cat >"$work/checks.sh" <<'CHECKS'
expect() { [[ $2 == "$3" ]] || { echo "quickstart check failed: $1 is '$2', expected '$3'" >&2; exit 1; }; }
expect "the widget secret prefix" "${WIDGET_SECRET%%_secret_*}" wdgt
expect "the session secret prefix" "${SESSION_SECRET%%_secret_*}" dep
read_session() { curl -sS --fail-with-body "$SLUICE/api/v1/widgets/deposit-sessions/$1" -H "Authorization: Bearer $TOKEN"; }
expect "the paid session's status" "$(read_session "$SESSION_ID" | field paymentStatus)" CONFIRMED
expect "the paid session's payments" "$(read_session "$SESSION_ID" | python3 -c 'import json, sys; print(" ".join(p["txId"] + ":" + p["status"] for p in json.load(sys.stdin)["payments"]))')" "0xabc123:CONFIRMED 0xdef456:CONFIRMED"
expect "the paid session's amount received" "$(read_session "$SESSION_ID" | field amountReceived)" 100.50
expect "the test session's status" "$(read_session "$TEST_ID" | field paymentStatus)" CONFIRMED
expect "the test session's amount due" "$(read_session "$TEST_ID" | field amountDue)" 0.05
expect "the cancelled session's status" "$(read_session "$OTHER_ID" | field paymentStatus)" EXPIRED
events=$(curl -sS --fail-with-body "$SLUICE/api/v1/businesses/biz_demo/events" -H "Authorization: Bearer $TOKEN" |
    python3 -c 'import json, sys; print(" ".join(e["type"] + ":" + e["subject"] for e in json.load(sys.stdin)["data"]))')
expect "the events" "$events" "deposit.created:$SESSION_ID deposit.underpaid:$SESSION_ID deposit.pending:$SESSION_ID deposit.confirmed:$SESSION_ID deposit.created:$TEST_ID deposit.confirmed:$TEST_ID deposit.created:$OTHER_ID deposit.expired:$OTHER_ID"
expect "the signing secret prefix" "${SIGNING_SECRET%%_*}" whsec
delivered=$(curl -sS --fail-with-body "$SLUICE/api/v1/businesses/biz_demo/webhook-deliveries" -H "Authorization: Bearer $TOKEN" |
    python3 -c 'import json, sys; print(" ".join(sorted(d["eventType"] + ":" + d["status"] for d in json.load(sys.stdin)["data"])))')
expect "the webhook deliveries" "$delivered" "deposit.confirmed:DELIVERED deposit.confirmed:DELIVERED deposit.created:DELIVERED deposit.created:DELIVERED deposit.created:DELIVERED deposit.expired:DELIVERED deposit.pending:DELIVERED deposit.underpaid:DELIVERED"
expect "the deliveries the receiver verified" "$(wc -l <"$RECEIVER_LOG" | tr -d ' ')" 8
CHECKS

sluice_log "running the $blocks quickstart blocks of README.md"
(cat "$work/quickstart.sh"; echo; cat "$work/checks.sh") | bash -euo pipefail >"$work/quickstart.out" 2>&1 || {
    rc=$?
    cat "$work/quickstart.out" >&2
    sluice_die "README quickstart failed (exit $rc)"
}
cat "$work/quickstart.out"
echo
sluice_log "README quickstart passed ($blocks blocks, ${SECONDS}s in all)"
