#!/usr/bin/env bash
# Runs Sluice: builds bootstrap/target/sluice.jar when it is missing or older than the sources,
# then starts it with a JDK 21+. Arguments go to Sluice (`serve` by default, `token`, `migrate`);
# with no settings it runs on its embedded default: H2 under ./data, Kafka off.
#
# JVM options: a bounded heap with the serial collector (a small service on a small machine: the
# JVM's default would let the heap grow to a quarter of the RAM), the C heap trimmed on a JDK 22+,
# and on a JDK 25+ an AOT cache
# (JEP 483/514/515) of the classes a start loads and links, which roughly halves the time to
# ready. The cache is trained by one throw-away start (port 0, a temporary data directory, no
# SLUICE_* setting) the first time `serve` runs after a build, and kept in
# bootstrap/target/aot/ under a name derived from the JDK and every jar's size and modification
# time: the JVM does not notice a changed jar in libs/ and would run the cached, stale classes,
# so a rebuilt jar must never meet an old cache. If training fails, Sluice starts without one.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
sluice_pick_jdk

JAR=bootstrap/target/sluice.jar
LIBS=bootstrap/target/libs
AOT_DIR=bootstrap/target/aot
JVM_OPTIONS=(-XX:+UseSerialGC -Xms64m -Xmx256m)
java_major=$(sluice_java_major "$JAVA_HOME") || java_major=0
if ((java_major >= 22)); then
    # Give the C library's free memory back every 2 s: what the JIT compilers and JDBC allocate and
    # free under load otherwise stays resident (15-35 MiB in the bench, bench/README.md round 7).
    JVM_OPTIONS+=(-XX:TrimNativeHeapInterval=2000)
fi

if [[ ! -f $JAR ]] || [[ -n $(find pom.xml ./*/pom.xml ./*/src -newer "$JAR" -type f -print -quit) ]]; then
    sluice_log "building $JAR (first run, or the sources changed)"
    mvn -B -q -Dstyle.color=never -DskipTests -pl bootstrap -am package >&2
fi

# train_aot_cache CACHE: one start of the embedded default until ready, stopped; the JVM writes
# the cache when it exits. Works in a directory beside CACHE so that the cache appears whole.
train_aot_cache() {
    local cache=$1 work port="" pid deadline
    work=$(mktemp -d "$AOT_DIR/training.XXXXXX") || return 0
    sluice_log "training the JVM's AOT cache for this build (once per build, 15-30 s; log: $work/sluice.log)"
    (
        while read -r name; do unset "$name"; done < <(compgen -e | grep '^SLUICE_' || true)
        export SLUICE_DATA_DIR=$work/data SLUICE_PORT=0
        exec java "${JVM_OPTIONS[@]}" -XX:AOTCacheOutput="$work/sluice.aot" -jar "$JAR" >"$work/sluice.log" 2>&1
    ) &
    pid=$!
    deadline=$((SECONDS + 60))
    while [[ -z $port ]] && kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.2
        port=$(sed -n 's|^Sluice is up at http://localhost:\([0-9]*\).*|\1|p' "$work/sluice.log")
    done
    if [[ -n $port ]]; then
        # one request, so that answering one is in the cache too
        curl -fsS -o /dev/null "http://127.0.0.1:$port/observe/health/ready" 2>/dev/null || true
    fi
    kill -TERM "$pid" 2>/dev/null || true
    if wait "$pid" && [[ -n $port && -s $work/sluice.aot ]] && mv "$work/sluice.aot" "$cache"; then
        rm -rf "$work"
        sluice_log "AOT cache ready: $cache"
    else
        sluice_log "WARNING: no AOT cache (training failed, log: $work/sluice.log); starting without one"
    fi
}

# Names the JDK and every jar's size and modification time (GNU stat; elsewhere no cache is used).
aot_key() {
    {
        echo "$JAVA_HOME"
        cat "$JAVA_HOME/release" 2>/dev/null || true
        stat -c '%n %s %.9Y' "$JAR" "$LIBS"/*.jar 2>/dev/null
    } | cksum | cut -d' ' -f1
}

if ((java_major >= 25)) && key=$(aot_key); then
    cache=$AOT_DIR/sluice-$key.aot
    if [[ ! -f $cache && ${1:-serve} == serve ]] && mkdir -p "$AOT_DIR"; then
        # caches of earlier builds, and what interrupted trainings left (not one still running)
        rm -f "$AOT_DIR"/sluice-*.aot
        find "$AOT_DIR" -maxdepth 1 -name 'training.*' -mmin +10 -exec rm -rf {} +
        train_aot_cache "$cache"
    fi
    if [[ -f $cache ]]; then
        # auto: a cache the JVM cannot use is skipped with a warning, never fatal; the JVM's
        # warnings go to standard error, as `TOKEN=$(bash scripts/sluice.sh token ...)` reads stdout
        JVM_OPTIONS+=(-XX:AOTCache="$cache" -XX:AOTMode=auto -Xlog:disable -Xlog:all=warning:stderr)
    fi
fi
exec java "${JVM_OPTIONS[@]}" -jar "$JAR" "$@"
