#!/usr/bin/env bash
# The fault suite: starts the whole of Phonegate as separate processes on free ports (two
# gateways, two dispatchers, the reaper, a Kafka broker, Redis, the Cognito and SNS emulators),
# drives a steady load of starts with distinct numbers through each fault (kill -9 and restart
# of each service, of the broker and of Redis; the broker paused; SNS throttling and errors)
# and prints one line per scenario. Exits non-zero when any scenario left a 202 without a
# report, an SMS without a 202, a limbo user or a deleted verified user. Ctrl-C stops everything.
#
#   ./run-faults.sh                  every scenario (about 12 minutes on 2 cores)
#   ./run-faults.sh --short          the form CI runs (a few scenarios, a few minutes)
#   ./run-faults.sh --list           the scenarios
#   ./run-faults.sh kafka-pause      only these scenarios
#   PHONEGATE_SKIP_BUILD=true ./run-faults.sh   start from the last build
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null 2>&1 && [ -z "${PHONEGATE_REDIS_SERVER:-}" ]; then
    echo "redis-server is missing: install it with 'sudo apt-get install redis-server'." >&2
    exit 1
fi
if [ "${PHONEGATE_SKIP_BUILD:-false}" != "true" ]; then
    echo "Building (tests skipped)..."
    ./mvnw -B -q -Dmaven.test.skip=true package
fi
classpath_file=devstack/local-run/target/launcher.classpath
exec java -XX:+UseSerialGC -Xmx384m -Dlogback.configurationFile=logback.xml \
    -cp "devstack/local-run/target/classes:$(cat "$classpath_file")" \
    io.phonegate.devstack.faults.FaultSuiteMain "$@"
