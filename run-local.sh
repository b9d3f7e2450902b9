#!/usr/bin/env bash
# Builds what is needed and starts the whole of Phonegate on this machine: a Kafka broker
# (KRaft, its own process), the Cognito and SNS emulators, and the three services, each in
# its own JVM. No Docker, no AWS account. Ctrl-C stops everything.
#
#   PHONEGATE_SKIP_BUILD=true ./run-local.sh   start from the last build
#   PHONEGATE_REAPER_TTL=2m ./run-local.sh     any PHONEGATE_* / SPRING_* setting reaches every service
set -euo pipefail
cd "$(dirname "$0")"

if [ "${PHONEGATE_SKIP_BUILD:-false}" != "true" ]; then
    echo "Building (tests skipped; ./run-tests.sh runs them)..."
    ./mvnw -B -q -Dmaven.test.skip=true package
fi

classpath_file=devstack/local-run/target/launcher.classpath
if [ ! -f "$classpath_file" ]; then
    echo "No build found: run ./run-local.sh without PHONEGATE_SKIP_BUILD first." >&2
    exit 1
fi
exec java -XX:+UseSerialGC -Xmx256m \
    -cp "devstack/local-run/target/classes:$(cat "$classpath_file")" \
    io.phonegate.devstack.local.LocalRunMain "$@"
