#!/usr/bin/env bash
# How soon an application that waits for its database at start-up (probes.startup.wait) is
# ready once the database answers, with and without Flyway migrations and with two backoff
# caps; and how soon it exits, non-zero, with probes.startup.timeout=5s and the database never
# there. Each figure from separate launches of a fresh JVM. See docs/benchmarks.md.
#
#   bash benchmarks/startup-wait.sh [results.csv]
#
# Writes one row per run to results.csv (default benchmarks/results/startup-wait-<UTC date-time>.csv)
# and medians and maxima to <results>-summary.txt and stdout, progress to stderr. The runs
# themselves are benchmarks/startup-wait.py's; this script builds benchmarks/startup-app and
# records the machine. With BASELINE=<git ref>, it also builds the same application from that
# commit (in a temporary git worktree) and launches it after each launch of the current code, so that
# both are measured under the same load; the summary reports both and their ratio. Needs Java 17+, python3, psql, and PostgreSQL on 127.0.0.1 (database
# "test", user "postgres", trust authentication); each run migrates a schema of its own and
# drops it. Everything it starts listens on 127.0.0.1 only and is stopped before the next run.
# Settings (environment):
RUNS=${RUNS:-5}                    # runs of each scenario, the scenarios taking turns
SCENARIOS=${SCENARIOS:-flyway,no-flyway,flyway-backoff-1s,timeout-5s}
PG_PORT=${PG_PORT:-5432}           # PostgreSQL on 127.0.0.1
PG_DATABASE=${PG_DATABASE:-test}
PG_USER=${PG_USER:-postgres}
PG_PASSWORD=${PG_PASSWORD:-}
JAVA_OPTS=${JAVA_OPTS:-}
REBUILD=${REBUILD:-0}              # 1: rebuild the benchmark jar (clean) even when it exists
KEEP_LOGS=${KEEP_LOGS:-0}          # 1: keep the applications' logs (always kept after a failure)
BASELINE=${BASELINE:-}             # a git ref (main, a commit) to measure against, launch by launch
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=benchmarks/common.sh
source benchmarks/common.sh

RESULTS=$(realpath -m "${1:-benchmarks/results/startup-wait-$(date -u +%Y-%m-%d-%H%M).csv}")
SUMMARY=${RESULTS%.csv}-summary.txt
WORK=$(mktemp -d "${TMPDIR:-/tmp}/startup-wait.XXXXXX")

BASELINE_TREE=
cleanup() {
	local status=$?
	if [[ -n $BASELINE_TREE ]]; then
		git worktree remove --force "$BASELINE_TREE" >/dev/null 2>&1 || true
	fi
	((KEEP_LOGS == 1 && status == 0)) && log "logs kept in $WORK" && return
	remove_work "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites -------------------------------------------------------------------------

require_runtimes
command -v psql >/dev/null || fail "psql is required, to drop each run's schema"

JAR=benchmarks/startup-app/target/probes-benchmark-startup-app-0.1.0-SNAPSHOT.jar
if [[ ! -f $JAR || $REBUILD == 1 ]]; then
	log "building the start-up benchmark application"
	goals=(package)
	[[ $REBUILD == 1 ]] && goals=(clean package)
	./mvnw -B -q -Pbenchmarks -DskipTests -pl benchmarks/startup-app -am "${goals[@]}"
fi
[[ -f $JAR ]] || fail "no $JAR after the build"

BASELINE_ARGS=()
if [[ -n $BASELINE ]]; then
	BASELINE_COMMIT=$(git rev-parse --short "$BASELINE^{commit}") || fail "no commit $BASELINE"
	BASELINE_TREE=$WORK/baseline
	log "building the start-up benchmark application from $BASELINE ($BASELINE_COMMIT)"
	git worktree add --quiet --detach "$BASELINE_TREE" "$BASELINE_COMMIT"
	(cd "$BASELINE_TREE" && ./mvnw -B -q -Pbenchmarks -DskipTests -pl benchmarks/startup-app -am package)
	BASELINE_JAR=$BASELINE_TREE/$JAR
	[[ -f $BASELINE_JAR ]] || fail "no $JAR after the baseline's build"
	BASELINE_ARGS=(--baseline-jar "$BASELINE_JAR" --baseline-name "$BASELINE_COMMIT")
fi

(exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null || fail "PostgreSQL does not listen on 127.0.0.1:$PG_PORT"
[[ -n $PG_PASSWORD ]] && export PGPASSWORD=$PG_PASSWORD
mkdir -p "$(dirname "$RESULTS")"

# --- the runs ------------------------------------------------------------------------------

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before the runs: $LOAD_BEFORE"
"$PYTHON" benchmarks/startup-wait.py --jar "$JAR" --java "$JAVA" --java-opts "$JAVA_OPTS" --runs "$RUNS" \
	--scenarios "$SCENARIOS" --database-port "$PG_PORT" --database "$PG_DATABASE" \
	--user "$PG_USER" --results "$RESULTS" --summary "$SUMMARY" --work "$WORK" "${BASELINE_ARGS[@]}" \
	--header "# startup-wait.sh, $(date -u '+%Y-%m-%d %H:%M') UTC; $("$JAVA" -version 2>&1 | head -n 1); JAVA_OPTS='$JAVA_OPTS'" \
	--header "# $(nproc) CPUs; load average (1, 5, 15 min) at the start: $LOAD_BEFORE; other processes share the CPUs, so expect noise" \
	--header "# RUNS=$RUNS; current code: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- autoconfigure benchmarks || echo ' with changes'); baseline: ${BASELINE:-none}; raw figures in $(basename "$RESULTS")"
log "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '# load average (1, 5, 15 min) at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$SUMMARY"
