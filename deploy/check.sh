#!/usr/bin/env bash
# Offline checks of the deployment files, in this order:
#   1. docker-compose.yml (default and "local" profile)  docker-compose config -q
#   2. the Prometheus scrape config                        promtool check config
#   3. the alert rules                                     promtool check rules
#   4. the alert rules' unit tests                         promtool test rules
#   5. the Kustomize builds, where kubectl is on the machine (kubectl kustomize)
# Installs Debian's docker-compose and prometheus packages where missing (apt-get; root or sudo).
# Exits non-zero on the first failure. The Kubernetes manifests' structure and the metric
# names are checked by the JUnit tests of deploy/pom.xml.
set -euo pipefail
cd "$(dirname "$0")/.."

current="setup"
step() { current="$*"; printf '\n== %s\n' "$*"; }
trap 'echo "deploy/check.sh: FAILED at: $current" >&2' ERR

install_missing() {
    local packages=()
    command -v docker-compose >/dev/null 2>&1 || packages+=(docker-compose)
    command -v promtool >/dev/null 2>&1 || packages+=(prometheus)
    [ ${#packages[@]} -eq 0 ] && return 0
    step "installing ${packages[*]} (Debian packages)"
    local sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

install_missing

checks=0
step "docker-compose config: docker-compose.yml"
# An empty environment file, so a developer's .env cannot hide a missing default.
empty_env="$(mktemp)"
trap 'rm -f "$empty_env"' EXIT
docker-compose --env-file "$empty_env" -f docker-compose.yml config -q
checks=$((checks + 1))
step "docker-compose config: docker-compose.yml --profile local"
docker-compose --env-file "$empty_env" -f docker-compose.yml --profile local config -q
checks=$((checks + 1))

step "promtool check config deploy/prometheus/prometheus.yml"
promtool check config deploy/prometheus/prometheus.yml
checks=$((checks + 1))

step "promtool check rules deploy/prometheus/alerts.yml"
promtool check rules deploy/prometheus/alerts.yml
checks=$((checks + 1))

step "promtool test rules deploy/prometheus/alerts-test.yml"
promtool test rules deploy/prometheus/alerts-test.yml
checks=$((checks + 1))

if command -v kubectl >/dev/null 2>&1; then
    for dir in deploy/k8s/base deploy/k8s/overlays/production deploy/k8s/monitoring; do
        step "kubectl kustomize $dir"
        built="$(kubectl kustomize "$dir")"
        echo "  builds: $(grep -c '^kind:' <<<"$built") resources"
        checks=$((checks + 1))
    done
else
    step "kubectl not installed: Kustomize builds not checked (the JUnit tests still parse every manifest)"
fi

printf '\ndeploy/check.sh: all %d checks passed\n' "$checks"
