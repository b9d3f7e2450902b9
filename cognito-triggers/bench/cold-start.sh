#!/usr/bin/env bash
# Cold start of each Cognito trigger, each run in a fresh JVM limited to a share of one core (default
# half: a 512 MB Lambda gets about 0.3 vCPU, so half a core is a generous stand-in). Each run loads the
# handler as Lambda's Java runtime does (class init + constructor), then calls handleRequest twice with
# the event Cognito sends on a first sign-in, and checks the answer.
#
#   ./mvnw -B -pl cognito-triggers -am package -DskipTests     # once: the Lambda jar and the probe
#   cognito-triggers/bench/cold-start.sh                        # as root, for the CPU limit
#
# Settings (environment):
#   RUNS=7                 runs per trigger (min / median / max are printed)
#   CPU=0.5                cores the JVM may use (cgroup CPU bandwidth); needs root and a cgroup cpu controller
#   JAVA=java              the java to run (e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
#   JVM_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
#                          what Lambda's java17/java21 runtimes start the JVM with by default; add a
#                          deployment flag (JAVA_TOOL_OPTIONS on Lambda) here to measure it
#   TRIGGERS="define create verify"
#   APPCDS=1               also measure with an application class-data archive (AppCDS): one training run per
#                          trigger writes it (-XX:ArchiveClassesAtExit), the timed runs map it (-XX:SharedArchiveFile)
set -euo pipefail

module="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-7}"
cpu="${CPU:-0.5}"
java="${JAVA:-java}"
jvm_opts="${JVM_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
triggers="${TRIGGERS:-define create verify}"

jar="$(ls "$module"/target/cognito-triggers-*-lambda.jar 2>/dev/null | head -1 || true)"
probe="$module/target/test-classes"
if [[ -z "$jar" || ! -f "$probe/io/phonegate/triggers/bench/ColdStartProbe.class" ]]; then
  echo "build first: ./mvnw -B -pl cognito-triggers -am package -DskipTests" >&2
  exit 2
fi
work="$(mktemp -d)"
# the probe and its event builder only, never the test dependencies (they would not be on Lambda); as a jar,
# because class-data archives take classes from jars only
jar_tool="$(dirname "$(readlink -f "$(command -v "${JAVA:-java}")")")/jar"
[[ -x "$jar_tool" ]] || jar_tool=jar
"$jar_tool" cf "$work/probe.jar" -C "$probe" io/phonegate/triggers/bench -C "$probe" io/phonegate/triggers/testing
classpath="$jar:$work/probe.jar"
cgroup=""
cleanup() {
  if [[ -n "$cgroup" && -d "$cgroup" ]]; then rmdir "$cgroup" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- the CPU limit: cgroup v2 cpu.max, else cgroup v1 CFS quota, else one pinned core -------------
period=100000
quota="$(awk -v c="$cpu" -v p="$period" 'BEGIN { printf "%d", c * p }')"
limit_note=""
launcher=()
if [[ -f /sys/fs/cgroup/cgroup.controllers ]] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers; then
  echo +cpu > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
  cgroup="/sys/fs/cgroup/phonegate-cold-$$"
  if mkdir "$cgroup" 2>/dev/null && echo "$quota $period" > "$cgroup/cpu.max" 2>/dev/null; then
    limit_note="cgroup v2 cpu.max $quota/$period µs = $cpu core"
  else
    rmdir "$cgroup" 2>/dev/null || true; cgroup=""
  fi
fi
if [[ -z "$cgroup" && -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]]; then
  cgroup="/sys/fs/cgroup/cpu/phonegate-cold-$$"
  if mkdir "$cgroup" 2>/dev/null && echo "$period" > "$cgroup/cpu.cfs_period_us" \
      && echo "$quota" > "$cgroup/cpu.cfs_quota_us" 2>/dev/null; then
    limit_note="cgroup v1 cpu.cfs_quota_us $quota/$period µs = $cpu core"
  else
    rmdir "$cgroup" 2>/dev/null || true; cgroup=""
  fi
fi
if [[ -z "$cgroup" ]]; then
  limit_note="NO cgroup CPU limit available: taskset -c 0 + -XX:ActiveProcessorCount=1, i.e. ONE full core, not $cpu"
  launcher=(taskset -c 0)
  jvm_opts="$jvm_opts -XX:ActiveProcessorCount=1"
fi

seal_keys="b1:$(head -c 32 /dev/urandom | base64 -w0)"
answer_keys="a1:$(head -c 32 /dev/urandom | base64 -w0)"

# each trigger gets only the environment its Lambda gets (deploy-aws CognitoTriggers)
env_of() {
  echo PHONEGATE_MAX_ATTEMPTS=3
  [[ "$1" == define ]] && return
  echo PHONEGATE_SEAL_KEYS="$seal_keys" PHONEGATE_CODE_LENGTH=6 PHONEGATE_CODE_TTL=PT3M
  [[ "$1" == create ]] && return
  echo PHONEGATE_ANSWER_KEYS="$answer_keys"
}

# one fresh JVM in the limited group; prints the probe's line
cold_run() {
  local trigger="$1" archive=()
  [[ "${APPCDS:-0}" == 1 ]] && archive=("-XX:SharedArchiveFile=$work/$trigger.jsa")
  (
    [[ -n "$cgroup" ]] && echo "$BASHPID" > "$cgroup/cgroup.procs"
    launched="${EPOCHREALTIME/./}"
    # shellcheck disable=SC2046,SC2086
    exec env -i PATH="$PATH" $(env_of "$trigger") "${launcher[@]}" "$java" $jvm_opts "${archive[@]}" -cp "$classpath" \
      io.phonegate.triggers.bench.ColdStartProbe "$trigger" "$work/$trigger.json" "$launched"
  )
}

# AppCDS training run: not limited, not timed; writes the trigger's archive at exit
train() {
  # shellcheck disable=SC2046,SC2086
  env -i PATH="$PATH" $(env_of "$1") "$java" $jvm_opts -XX:ArchiveClassesAtExit="$work/$1.jsa" -cp "$classpath" \
    io.phonegate.triggers.bench.ColdStartProbe "$1" "$work/$1.json" "${EPOCHREALTIME/./}" > /dev/null
}

stats() { # column -> "min median max"
  sort -n | awk '{ v[NR] = $1 } END { printf "%7.0f %7.0f %7.0f", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[NR] }'
}

echo "Phonegate trigger cold start — $(date -u +%FT%TZ), $(nproc) CPUs, $runs runs per trigger"
echo "limit: $limit_note"
echo "java:  $("$java" -version 2>&1 | head -1); options: ${jvm_opts:-(none)}"
[[ "${APPCDS:-0}" == 1 ]] && echo "AppCDS: one archive per trigger, written by a training run (-XX:ArchiveClassesAtExit)"
echo "jar:   $(basename "$jar")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

declare -A median_total median_cpu
for trigger in $triggers; do
  : > "$work/$trigger.runs"
  if [[ "${APPCDS:-0}" == 1 ]]; then
    "$java" -cp "$classpath" io.phonegate.triggers.bench.BenchEvents "$work" "$seal_keys" "$answer_keys"
    train "$trigger"
  fi
  for ((i = 1; i <= runs; i++)); do
    # fresh events for every run: Verify's signature is good for 60 s only; unlimited JVM, not timed
    "$java" -cp "$classpath" io.phonegate.triggers.bench.BenchEvents "$work" "$seal_keys" "$answer_keys"
    cold_run "$trigger" >> "$work/$trigger.runs"
  done
  printf '%-7s %-24s %7s %7s %7s\n' "$trigger" "ms (cpu ms: process)" min median max
  col=1
  for name in "JVM start to main" "JVM start to ready" "first invocation" "second invocation" \
              "total to first answer" "CPU to first answer"; do
    printf '        %-24s %s\n' "$name" "$(cut -d' ' -f$col "$work/$trigger.runs" | stats)"
    col=$((col + 1))
  done
  # on a busy machine other processes take part of the quota's periods: CPU time / share is the wall time
  # the run would take with its share of a core to itself
  printf '        %-24s %s\n' "CPU / $cpu core" \
    "$(cut -d' ' -f6 "$work/$trigger.runs" | awk -v c="$cpu" '{ print $1 / c }' | stats)"
  median_total[$trigger]="$(cut -d' ' -f5 "$work/$trigger.runs" | stats | awk '{ print $2 }')"
  median_cpu[$trigger]="$(cut -d' ' -f6 "$work/$trigger.runs" | stats | awk '{ print $2 }')"
done

echo
if [[ -n "${median_total[define]:-}" && -n "${median_total[create]:-}" ]]; then
  echo "first sign-in, both cold (Define then Create inside one AdminInitiateAuth), medians:" \
    "$((median_total[define] + median_total[create])) ms measured," \
    "$(awk -v a="${median_cpu[define]}" -v b="${median_cpu[create]}" -v c="$cpu" 'BEGIN { printf "%d", (a + b) / c }') ms CPU / $cpu core"
fi
if [[ -n "$cgroup" ]]; then
  if [[ -f "$cgroup/cpu.stat" ]]; then
    echo "cgroup: $(grep -E 'nr_periods|nr_throttled' "$cgroup/cpu.stat" | tr '\n' ' ')(throttled periods show the limit was hit)"
  fi
fi
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
