#!/usr/bin/env bash
# Runs Sluice: builds bootstrap/target/sluice.jar when it is missing or older than the sources,
# then starts it with a JDK 21+. Arguments go to Sluice (`serve` by default, `token`, `migrate`);
# with no settings it runs on its embedded default: H2 under ./data, Kafka off.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
sluice_pick_jdk

JAR=bootstrap/target/sluice.jar
if [[ ! -f $JAR ]] || [[ -n $(find pom.xml ./*/pom.xml ./*/src -newer "$JAR" -type f -print -quit) ]]; then
    sluice_log "building $JAR (first run, or the sources changed)"
    mvn -B -q -Dstyle.color=never -DskipTests -pl bootstrap -am package >&2
fi
exec java -jar "$JAR" "$@"
