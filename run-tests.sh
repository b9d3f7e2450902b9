#!/usr/bin/env bash
# Runs every test of Phonegate, the way CI does, then a short fault run (./run-faults.sh --short).
# On a fresh machine it first installs the few system tools some tests need (Debian packages;
# needs root or sudo):
#   redis-server                the shared store the limits and claims are tested against
#   chromium + chromium-driver  the browser test of the demo page
#   docker-compose, prometheus  offline checks of docker-compose.yml and the alert rules
#   nodejs, npm                 the CDK app (deploy-aws) synthesizes through jsii, which runs on Node.js;
#                               the JavaScript client (clients/js) is built and tested with npm
# Maven and every Java dependency come through ./mvnw.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing test tools: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Offline checks of docker-compose.yml and the Prometheus rules (seconds), then every test, then
# the short form of the fault suite on the jars the build just made (./run-faults.sh runs them all).
deploy/check.sh
# Two modules at a time: the services' suites wait on brokers and timeouts more than they compute.
./mvnw -B -T 2 clean verify "$@"
PHONEGATE_SKIP_BUILD=true ./run-faults.sh --short
