#!/usr/bin/env bash
# The whole start path under load: starts the stack as ./run-local.sh does (a gateway, a dispatcher, the
# reaper, a Kafka broker, Redis, the emulators; free ports, so it runs next to a local run) with the
# production JIT, then drives open-loop starts with distinct numbers at each rate and prints, per rate:
# offered and accepted starts/s, errors by kind, the gateway's answer p50/p99, start→SMS p50/p99, CPU ms
# per start of each process (from /proc), SMS sent for starts not answered 202; and, measured in the same run,
# the idle stack's own CPU (each rate's CPU per start is also given above it) and the floor (a raw Kafka
# produce→consume, a raw Cognito emulator call). Not part of CI: it takes minutes.
#
#   ./run-benchmark.sh                                       rates 50,100,200,300, 20 s each, after a warm-up
#                                                            until the JIT has settled (at most 600 s)
#   ./run-benchmark.sh --rates 50,100 --seconds 10 --warmup 60 --timeout 5 --jit quick-start --driver jdk
#   ./run-benchmark.sh --returning 0.8                       80 % of the starts for numbers that logged in before
#                                                            (one Cognito call), and every accepted start then
#                                                            verified with its code: the cost of a whole log-in
#   PHONEGATE_SKIP_BUILD=true ./run-benchmark.sh             start from the last build
#   PHONEGATE_GATEWAY_PUBLISHTIMEOUT=2s ./run-benchmark.sh    any PHONEGATE_* / SPRING_* setting reaches every service
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
if [ ! -f "$classpath_file" ]; then
    echo "No build found: run ./run-benchmark.sh without PHONEGATE_SKIP_BUILD first." >&2
    exit 1
fi
# The launcher holds the emulators and the load driver: the production JIT here too.
exec java -XX:+UseSerialGC -Xmx512m -Dlogback.configurationFile=logback.xml \
    -cp "devstack/local-run/target/classes:$(cat "$classpath_file")" \
    io.phonegate.devstack.bench.StartBenchmarkMain "$@"
