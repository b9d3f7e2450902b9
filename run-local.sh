#!/usr/bin/env bash
# Builds what is needed and starts the whole of Phonegate on this machine: a Kafka broker
# (KRaft, its own process), Redis (Debian's redis-server, its own process), the Cognito and
# SNS emulators, and the three services, each in its own JVM. No Docker, no AWS account.
# Ctrl-C stops everything.
#
#   PHONEGATE_SKIP_BUILD=true ./run-local.sh   start from the last build
#   PHONEGATE_REAPER_TTL=2m ./run-local.sh     any PHONEGATE_* / SPRING_* setting reaches every service
#   PHONEGATE_GATEWAY_INSTANCES=3 PHONEGATE_DISPATCHER_INSTANCES=2 ./run-local.sh
#                                              gateways on 8080, 8090, 8091, dispatchers on 8081, 8100
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null 2>&1 && [ -z "${PHONEGATE_REDIS_SERVER:-}" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing redis-server (Debian's package), the shared store for limits and claims..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    else
        echo "redis-server is missing: install it with 'sudo apt-get install redis-server' (or set PHONEGATE_REDIS_SERVER to the binary)." >&2
        exit 1
    fi
fi

if [ "${PHONEGATE_SKIP_BUILD:-false}" != "true" ]; then
    echo "Building (tests skipped; ./run-tests.sh runs them)..."
    ./mvnw -B -q -Dmaven.test.skip=true package
fi

classpath_file=devstack/local-run/target/launcher.classpath
if [ ! -f "$classpath_file" ]; then
    echo "No build found: run ./run-local.sh without PHONEGATE_SKIP_BUILD first." >&2
    exit 1
fi
exec java -XX:+UseSerialGC -Xmx256m -Dlogback.configurationFile=logback.xml \
    -cp "devstack/local-run/target/classes:$(cat "$classpath_file")" \
    io.phonegate.devstack.local.LocalRunMain "$@"
