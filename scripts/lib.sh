# shellcheck shell=bash
# Shared helpers for scripts/*.sh and .ci/run. Source it; it defines functions only.

SLUICE_MIN_JAVA=21

sluice_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
sluice_die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Prints the feature version (17, 21, 25, ...) of the JDK at $1, or fails.
# The `release` file avoids starting a JVM; `java -version` is the fallback for odd layouts.
sluice_java_major() {
    local home=$1 v=""
    [[ -x $home/bin/java && -x $home/bin/javac ]] || return 1
    if [[ -r $home/release ]]; then
        v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [[ -z $v ]]; then
        v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    v=${v#1.}
    v=${v%%[.+-]*}
    [[ $v =~ ^[0-9]+$ ]] || return 1
    printf '%s\n' "$v"
}

# Exports JAVA_HOME and PATH for a JDK >= 21. An existing JAVA_HOME wins when it is new
# enough (a developer's choice); otherwise the newest JDK under /usr/lib/jvm, because the
# default `java` on these machines is 17, too old for Helidon 4 and Kafka 4.
sluice_pick_jdk() {
    local jvm_dir=${SLUICE_JVM_DIR:-/usr/lib/jvm} best="" best_v=0 home v
    if [[ -n ${JAVA_HOME:-} ]] && v=$(sluice_java_major "$JAVA_HOME") && ((v >= SLUICE_MIN_JAVA)); then
        best=$JAVA_HOME
    else
        for home in "$jvm_dir"/*; do
            [[ -d $home ]] || continue
            v=$(sluice_java_major "$home") || continue
            if ((v >= SLUICE_MIN_JAVA && v > best_v)); then
                best=$home
                best_v=$v
            fi
        done
    fi
    [[ -n $best ]] || sluice_die "no JDK ${SLUICE_MIN_JAVA}+ found (JAVA_HOME=${JAVA_HOME:-unset}, searched $jvm_dir). Install one, e.g. temurin-25-jdk, or set JAVA_HOME."
    export JAVA_HOME=$best
    case ":$PATH:" in
        "$JAVA_HOME/bin:"*) ;;
        *) export PATH="$JAVA_HOME/bin:$PATH" ;;
    esac
}

# True when something accepts TCP connections on host $1 port $2 (bash /dev/tcp; no nc here).
sluice_port_open() {
    # shellcheck disable=SC2016 # $1/$2 are the inner shell's arguments
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# Waits up to $3 seconds for host $1 port $2.
sluice_wait_port() {
    local host=$1 port=$2 deadline=$((SECONDS + $3))
    until sluice_port_open "$host" "$port"; do
        ((SECONDS < deadline)) || return 1
        sleep 1
    done
}

# Makes sure MariaDB answers on 127.0.0.1:3306, starting the local server when it is down.
sluice_ensure_mariadb() {
    if ! sluice_port_open 127.0.0.1 3306; then
        sluice_log "MariaDB is not answering on 127.0.0.1:3306; starting it"
        start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd ||
            sluice_die "could not start MariaDB (/usr/sbin/mariadbd)"
        sluice_wait_port 127.0.0.1 3306 60 || sluice_die "MariaDB did not answer on 127.0.0.1:3306 within 60 s"
    fi
    sluice_log "MariaDB answers on 127.0.0.1:3306"
}

# Drops and creates the database $1 (utf8mb4) as root on 127.0.0.1:3306.
sluice_fresh_database() {
    local name=$1 client tries=0
    client=$(command -v mariadb || command -v mysql) || sluice_die "no mariadb/mysql client on PATH"
    # The server may accept TCP a moment before it accepts logins; retry briefly.
    until "$client" --protocol=TCP -h 127.0.0.1 -P 3306 -u root --batch </dev/null -e \
        "DROP DATABASE IF EXISTS \`$name\`;
         CREATE DATABASE \`$name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"; do
        ((++tries < 10)) || sluice_die "could not create database $name as root on 127.0.0.1:3306"
        sleep 1
    done
    sluice_log "database $name created (utf8mb4)"
}

# Installs the Debian package $2 when the command $1 is missing (root, as on CI and these machines).
sluice_ensure_command() {
    local command=$1 package=$2
    if command -v "$command" >/dev/null 2>&1; then
        return
    fi
    sluice_log "$command is missing; installing the Debian package $package"
    apt-get update -qq >&2 || sluice_die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >&2 ||
        sluice_die "could not install the Debian package $package"
}

# Lints the OpenAPI document with Redocly CLI (recommended rules; tools/redocly/redocly.yaml says why
# each warning left is right), from the npm registry through its lock file. Fails on any error.
sluice_lint_openapi() {
    sluice_log "npm ci in tools/redocly"
    npm ci --prefix tools/redocly --no-audit --no-fund --loglevel=error >&2 || sluice_die "npm ci in tools/redocly failed"
    (cd tools/redocly && node_modules/.bin/redocly lint --config redocly.yaml --format=stylish \
        ../../adapters-http/src/main/resources/dev/sluice/adapters/http/openapi.yaml) ||
        sluice_die "the OpenAPI document does not pass Redocly's lint"
}

# What the browser tests (bootstrap's WidgetBrowserIT) need: Debian's chromium, and playwright-core
# and axe-core from the npm registry, installed exactly as the lock file says. Each is installed
# only when missing (or, for the npm packages, when the lock file changed since).
sluice_ensure_browser_tests() {
    local dir=$1 sudo=""
    if [[ ! -x /usr/bin/chromium ]]; then
        sluice_log "installing Debian's chromium for the browser tests (apt-get)"
        if ((EUID != 0)); then sudo=sudo; fi
        { DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium ||
            { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium; }; } >&2 ||
            sluice_die "could not install chromium (apt-get install -y chromium)"
    fi
    if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
        command -v npm >/dev/null || sluice_die "npm is missing; the browser tests need Node.js 20+ and npm"
        sluice_log "installing the browser tests' npm packages (npm ci in $dir)"
        (cd "$dir" && npm ci --no-audit --no-fund) >&2 || sluice_die "npm ci failed in $dir"
    fi
}
