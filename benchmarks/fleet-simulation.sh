#!/usr/bin/env bash
# Fleet simulation: many pods, started in the same instant, each checking the same TCP
# dependency in the background; the dependency refuses connections for a while and comes
# back. Counts the connections it accepts per second, healthy and around the outage, for each
# combination of jitter and interval-when-down. See docs/benchmarks.md, "Fleet simulation".
#
#   bash benchmarks/fleet-simulation.sh [results-prefix]
#
# One JVM per combination (dev.probes.fleet.FleetSimulation, from autoconfigure's test
# classes), about 2 min 45 s each with the defaults. Writes per-second series to
# <prefix>-<name>.csv, the figures to <prefix>-summary.tsv and <prefix>-meta.txt
# (default prefix benchmarks/results/fleet), draws docs/images/fleet-simulation.png
# (benchmarks/plot-fleet.sh) and prints the table (benchmarks/fleet-report.sh).
# The server listens on 127.0.0.1 only; each JVM ends with its run.
# Settings (environment):
PODS=${PODS:-1000}                        # simulated pods, one scheduler (2 threads) each
INTERVAL=${INTERVAL:-10s}                 # the pods' interval; counts are kept per tenth of it
OUTAGE=${OUTAGE:-30s}                     # how long connections are refused
JITTERS=${JITTERS:-"0 0.1"}               # jitter values to run
DOWN_INTERVALS=${DOWN_INTERVALS:-"2s 10s"}  # interval-when-down values to run
STEADY_INTERVALS=${STEADY_INTERVALS:-4}   # healthy intervals measured, after two to settle
FOLLOWING_INTERVALS=${FOLLOWING_INTERVALS:-6}  # intervals measured after the first one after the outage
JAVA_OPTS=${JAVA_OPTS:--Xss256k -Xmx256m}
REBUILD=${REBUILD:-1}                     # 0: use the compiled classes as they are
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=benchmarks/common.sh
source benchmarks/common.sh

PREFIX=$(realpath -m "${1:-benchmarks/results/fleet}")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fleet-simulation.XXXXXX")
trap 'remove_work $?' EXIT
trap 'exit 130' INT TERM

JAVA=$(readlink -f "$(command -v java)") || fail "java is required"
if [[ $REBUILD == 1 || ! -d autoconfigure/target/test-classes/dev/probes/fleet ]]; then
	log "compiling autoconfigure and its tests"
	./mvnw -B -q -pl autoconfigure test-compile
fi
# A copy, so that a build while the runs go on cannot change the classes under them.
cp -r autoconfigure/target/classes "$WORK/classes"
cp -r autoconfigure/target/test-classes "$WORK/test-classes"

mkdir -p "$(dirname "$PREFIX")"
rm -f "$PREFIX-summary.tsv"
{
	printf '# %s; commit %s; %s; %s CPUs; %s pods, interval %s, outage %s; JAVA_OPTS %s\n' \
		"$(date +%F)" "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- autoconfigure/src/main || echo '+changes')" \
		"$("$JAVA" -version 2>&1 | head -1)" "$(nproc)" "$PODS" "$INTERVAL" "$OUTAGE" "$JAVA_OPTS"
} >"$PREFIX-meta.txt"

for down in $DOWN_INTERVALS; do
	for jitter in $JITTERS; do
		name="jitter-$jitter-down-$down"
		log "$name: $PODS pods, interval $INTERVAL, interval-when-down $down, jitter $jitter"
		# shellcheck disable=SC2086
		"$JAVA" $JAVA_OPTS -cp "$WORK/classes:$WORK/test-classes" dev.probes.fleet.FleetSimulation \
			"name=$name" "pods=$PODS" "interval=$INTERVAL" "interval-when-down=$down" "jitter=$jitter" \
			"outage=$OUTAGE" "steady-intervals=$STEADY_INTERVALS" "following-intervals=$FOLLOWING_INTERVALS" \
			"csv=$PREFIX-$name.csv" "summary=$PREFIX-summary.tsv" >/dev/null 2> >(sed -u 's/^/  /' >&2)
	done
done
printf '# load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$PREFIX-meta.txt"

bash benchmarks/plot-fleet.sh "$PREFIX"
bash benchmarks/fleet-report.sh "$PREFIX"
