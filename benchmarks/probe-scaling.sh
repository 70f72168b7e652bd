#!/usr/bin/env bash
# What a probe costs against the application's own trivial endpoint, as the number of declared
# dependencies grows and while one of them is black-holed; with Probes and with plain Spring
# Boot Actuator (the baseline); and whether liveness answers while every request thread is
# busy. See docs/benchmarks.md.
#
#   bash benchmarks/probe-scaling.sh [results.tsv]
#
# Writes the raw figures to results.tsv (default benchmarks/results/probe-scaling.tsv, with
# -saturation.tsv and -meta.txt beside it), the tables to stdout and progress to stderr; then `bash benchmarks/plot-scaling.sh` draws them.
# Needs Java 17+, python3, curl, and a TCP listener at 127.0.0.1:$SINK_PORT (Redis by
# default) that the dependencies connect to; installs wrk with apt-get when it is missing.
# Everything it starts listens on 127.0.0.1 only and is stopped, by pid, on exit.
# Settings (environment):
DEPENDENCIES=${DEPENDENCIES:-"1 10 50"}  # numbers of declared dependencies to measure
DURATION=${DURATION:-10s}          # measured run per endpoint
WARMUP=${WARMUP:-2s}               # unmeasured run of the same endpoint just before it
JVM_WARMUP=${JVM_WARMUP:-20s}      # light load on all endpoints after start-up, for the JIT
CONNECTIONS=${CONNECTIONS:-16}     # wrk connections, all kept busy
THREADS=${THREADS:-2}              # wrk threads
TIMEOUT=${TIMEOUT:-2}              # seconds; wrk's --timeout
SINK_PORT=${SINK_PORT:-6379}       # where dependencies 2..N connect (127.0.0.1)
ROUNDS=${ROUNDS:-2}                # measured runs per endpoint, alternating their order
SATURATION_PROBES=${SATURATION_PROBES:-100}  # kubelet-like probes per path while saturated
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-90}   # seconds to wait for the application to start
REBUILD=${REBUILD:-0}              # 1: rebuild the benchmark jar even when it exists
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=benchmarks/common.sh
source benchmarks/common.sh

RESULTS=$(realpath -m "${1:-benchmarks/results/probe-scaling.tsv}")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/probe-scaling.XXXXXX")
APP_PID=
TARGET_PID=
SLOW_PIDS=()

cleanup() {
	local status=$? pid
	for pid in "${SLOW_PIDS[@]}"; do
		stop "$pid"
	done
	stop "$APP_PID"
	stop "$TARGET_PID"
	remove_work "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites -------------------------------------------------------------------------

require_tools

JAR=benchmarks/app/target/probes-benchmark-app-0.1.0-SNAPSHOT.jar
if [[ ! -f $JAR || $REBUILD == 1 ]]; then
	log "building the benchmark application"
	./mvnw -B -q -DskipTests -Pbenchmarks -pl benchmarks/app -am clean package
fi
[[ -f $JAR ]] || fail "no $JAR after the build"

(exec 3<>"/dev/tcp/127.0.0.1/$SINK_PORT") 2>/dev/null ||
	fail "nothing listens on 127.0.0.1:$SINK_PORT (SINK_PORT) for the dependencies to connect to"

read -r -a java_opts <<<"$JAVA_OPTS"
CLK_TCK=$(getconf CLK_TCK)
mkdir -p "$(dirname "$RESULTS")"
printf 'mode\tdependencies\tphase\tconnection\tpath\trequests\tduration_us\tp50_us\tp99_us\tmax_us\tstatus_errors\ttimeouts\tsocket_errors\tapp_cpu_us\n' >"$RESULTS"

# --- helpers -------------------------------------------------------------------------------

status_of() {
	curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1$2" || true
}

await_status() {
	local port=$1 path=$2 expected=$3 seconds=$4 deadline
	deadline=$((SECONDS + seconds))
	until [[ $(status_of "$port" "$path") == "$expected" ]]; do
		if ! kill -0 "$APP_PID" 2>/dev/null; then
			tail -n 40 "$WORK/app.log" >&2
			fail "the application stopped; see above"
		fi
		((SECONDS < deadline)) || fail "$path on $port did not answer $expected within ${seconds}s"
		sleep 0.2
	done
}

# The first dependency connects to a target that can be black-holed; the others to the sink.
start_target() {
	TARGET_PORT=$(free_port)
	"$PYTHON" benchmarks/tcp-target.py "$TARGET_PORT" >"$WORK/target.log" 2>&1 &
	TARGET_PID=$!
	for _ in {1..50}; do
		grep -q listening "$WORK/target.log" && return 0
		sleep 0.1
	done
	fail "the black-hole target did not start"
}

# Prints the arguments that declare N dependencies, the way the mode declares them.
dependency_arguments() {
	local mode=$1 count=$2 i port include=readinessState
	for ((i = 1; i <= count; i++)); do
		port=$SINK_PORT
		((i == 1)) && port=$TARGET_PORT
		if [[ $mode == probes ]]; then
			printf '%s\n' "--probes.dependencies.dep$i.type=tcp" "--probes.dependencies.dep$i.host=127.0.0.1" \
				"--probes.dependencies.dep$i.port=$port" "--probes.dependencies.dep$i.interval=1s" \
				"--probes.dependencies.dep$i.interval-when-down=500ms" "--probes.dependencies.dep$i.timeout=500ms"
		else
			printf '%s\n' "--benchmark.tcp-indicators.dep$i=127.0.0.1:$port"
			include+=",dep$i"
		fi
	done
	if [[ $mode == actuator ]]; then
		printf '%s\n' --probes.enabled=false --management.endpoint.health.probes.add-additional-paths=true \
			"--management.endpoint.health.group.readiness.include=$include"
	fi
}

start_app() {
	local -a arguments
	mapfile -t arguments < <(dependency_arguments "$@")
	shift 2
	APP_PORT=$(free_port)
	"$JAVA" "${java_opts[@]}" -jar "$JAR" --server.port="$APP_PORT" "${arguments[@]}" "$@" \
		>"$WORK/app.log" 2>&1 &
	APP_PID=$!
	await_status "$APP_PORT" /livez 200 "$STARTUP_TIMEOUT"
}

stop_app() {
	stop "$APP_PID"
	APP_PID=
	stop "$TARGET_PID"
	TARGET_PID=
}

# A fresh JVM needs a while before its JIT has compiled the request paths; a light load leaves
# the compiler threads enough of the two CPUs to get there sooner than full load would.
warm_up_jvm() {
	wrk -t1 -c4 -d"$JVM_WARMUP" --timeout "${TIMEOUT}s" -s benchmarks/rotate.lua "http://127.0.0.1:$APP_PORT" \
		-- /hello /readyz >/dev/null
}

# measure MODE COUNT PHASE CONNECTION PATH
measure() {
	local mode=$1 count=$2 phase=$3 connection=$4 path=$5 url output result cpu_before cpu_after
	local -a options=(-t"$THREADS" -c"$CONNECTIONS" --timeout "${TIMEOUT}s")
	[[ $connection == close ]] && options+=(-H 'Connection: close')
	url="http://127.0.0.1:$APP_PORT$path"
	wrk "${options[@]}" -d"$WARMUP" "$url" >/dev/null
	cpu_before=$(cpu_ticks "$APP_PID")
	output=$(wrk "${options[@]}" -d"$DURATION" -s benchmarks/report.lua "$url")
	cpu_after=$(cpu_ticks "$APP_PID")
	result=$(sed -n 's/^RESULT //p' <<<"$output")
	[[ -n $result ]] || fail "no result from wrk for $path: $output"
	result="$result app_cpu_us=$(((cpu_after - cpu_before) * 1000000 / CLK_TCK))"
	log "$mode, $count dependencies, $phase, $connection, $path: $result"
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$count" "$phase" "$connection" "$path" \
		"$(tr ' ' '\n' <<<"$result" | cut -d= -f2 | paste -sd '\t')" >>"$RESULTS"
}

run_instance() {
	local mode=$1 count=$2 connection round
	log "$mode with $count dependencies"
	start_target
	start_app "$mode" "$count"
	await_status "$APP_PORT" /readyz 200 30
	warm_up_jvm
	for connection in keep-alive close; do
		# Alternating the order (hello, readyz, readyz, hello, ...) keeps a drift of the machine
		# from favouring either endpoint.
		for ((round = 1; round <= ROUNDS; round++)); do
			if ((round % 2)); then
				measure "$mode" "$count" healthy "$connection" /hello
				measure "$mode" "$count" healthy "$connection" /readyz
			else
				measure "$mode" "$count" healthy "$connection" /readyz
				measure "$mode" "$count" healthy "$connection" /hello
			fi
		done
	done
	log "black-holing dep1"
	kill -USR1 "$TARGET_PID"
	if [[ $mode == probes ]]; then
		await_status "$APP_PORT" /readyz 503 30
	fi
	for connection in keep-alive close; do
		measure "$mode" "$count" black-holed "$connection" /readyz
		# The same probe without the black-holed check: 200 again, so it tells what the
		# dependency's state costs apart from what a 503 costs (Tomcat closes the connection
		# after every 503). Plain Actuator ignores exclude.
		if [[ $mode == probes ]]; then
			measure "$mode" "$count" black-holed "$connection" '/readyz?exclude=dep1'
		fi
	done
	stop_app
}

# One kubelet-like probe: a new connection, at most 1 s. Prints "<status> <seconds>".
kubelet_probe() {
	curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 1 "http://127.0.0.1:$1$2" || true
}

# Every Tomcat worker of the application (and of nothing else) held by slow requests, then
# liveness probed on the probe port, the management port and the application port.
run_saturation() {
	local probe_port management_port i
	log "saturation: server.tomcat.threads.max=4, 8 slow requests in flight"
	start_target
	probe_port=$(free_port)
	management_port=$(free_port)
	start_app probes 1 --server.tomcat.threads.max=4 --management.server.port="$management_port" \
		--probes.server.port="$probe_port"
	await_status "$APP_PORT" /readyz 200 30
	for i in {1..8}; do
		curl -s -o /dev/null --max-time 120 "http://127.0.0.1:$APP_PORT/slow?seconds=120" &
		SLOW_PIDS+=($!)
	done
	sleep 2
	: >"$WORK/saturation"
	for ((i = 1; i <= SATURATION_PROBES; i++)); do
		printf 'probe-port\t%s\n' "$(kubelet_probe "$probe_port" /livez)" >>"$WORK/saturation"
		printf 'management-port\t%s\n' "$(kubelet_probe "$management_port" /actuator/health/liveness)" \
			>>"$WORK/saturation"
		((i <= 5)) && printf 'application-port\t%s\n' "$(kubelet_probe "$APP_PORT" /livez)" >>"$WORK/saturation"
		sleep 0.05
	done
	for pid in "${SLOW_PIDS[@]}"; do
		stop "$pid"
	done
	SLOW_PIDS=()
	stop_app
	awk -F'\t' -v OFS='\t' '{ split($2, r, " "); print "saturation", 1, "busy", "close", $1, r[1], r[2] }' \
		"$WORK/saturation" >"${RESULTS%.tsv}-saturation.tsv"
}

# --- the runs ------------------------------------------------------------------------------

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
log "load average before the runs: $LOAD_BEFORE"
for count in $DEPENDENCIES; do
	run_instance probes "$count"
	run_instance actuator "$count"
done
run_saturation
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
{
	printf '# %s; %s; %s CPUs; wrk -t%s -c%s -d%s --timeout %ss after %s per endpoint, JVM warm-up %s; load %s / %s\n' \
		"$(date -u +%Y-%m-%d)" "$("$JAVA" -version 2>&1 | head -n 1)" "$(nproc)" "$THREADS" "$CONNECTIONS" \
		"$DURATION" "$TIMEOUT" "$WARMUP" "$JVM_WARMUP" "$LOAD_BEFORE" "$LOAD_AFTER"
} >"${RESULTS%.tsv}-meta.txt"

bash benchmarks/scaling-report.sh "$RESULTS"
