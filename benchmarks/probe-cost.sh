#!/usr/bin/env bash
# What a Kubernetes probe costs, compared with a trivial endpoint (GET /ping) of the same
# application, while its dependencies are healthy and while they are black-holed; once with
# Probes and once with plain Spring Boot Actuator (the baseline). See docs/benchmarks.md.
#
#   bash benchmarks/probe-cost.sh
#
# Needs Java 17+, python3, curl, and PostgreSQL on 127.0.0.1 (database "test", user
# "postgres", trust authentication); installs wrk with apt-get when it is missing. Everything
# it starts listens on 127.0.0.1 only and is stopped on exit. Settings (environment):
DURATION=${DURATION:-10s}          # measured run per endpoint
WARMUP=${WARMUP:-2s}               # unmeasured run per endpoint just before it
JVM_WARMUP=${JVM_WARMUP:-30s}      # light load on all endpoints after start-up, for the JIT
CONNECTIONS=${CONNECTIONS:-16}     # wrk connections, all kept busy
THREADS=${THREADS:-2}              # wrk threads
TIMEOUT=${TIMEOUT:-2}              # seconds; wrk's --timeout and the single-request check
KEEPALIVE=${KEEPALIVE:-1}          # 0: a new connection per request, as the kubelet probes
ACTUATOR=${ACTUATOR:-1}            # 0: only the Probes scenarios (A, B), not the Actuator baseline
LONE_PROBE_TIMEOUT=${LONE_PROBE_TIMEOUT:-45}  # seconds allowed to the lone /readyz per scenario
PG_PORT=${PG_PORT:-5432}           # PostgreSQL on 127.0.0.1
PG_DATABASE=${PG_DATABASE:-test}
PG_USER=${PG_USER:-postgres}
PG_PASSWORD=${PG_PASSWORD:-}
CACHE_PORT=${CACHE_PORT:-6379}     # the sample's non-critical tcp dependency, on 127.0.0.1
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-90}   # seconds to wait for the application to start
REBUILD=${REBUILD:-0}              # 1: rebuild the sample jar even when it exists
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=benchmarks/common.sh
source benchmarks/common.sh

WORK=$(mktemp -d "${TMPDIR:-/tmp}/probe-cost.XXXXXX")
RESULTS=$WORK/results.tsv
APP_PID=
PROXY_PID=
PROBE_PID=

cleanup() {
	local status=$?
	stop "$PROBE_PID"
	stop "$APP_PID"
	stop "$PROXY_PID"
	remove_work "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites -------------------------------------------------------------------------

require_tools

# No target folder yet is no jar yet, not a failure of the harness.
JAR=$(find sample-app/target -maxdepth 1 -name 'probes-sample-app-*.jar' 2>/dev/null | head -n 1 || true)
if [[ -z $JAR || $REBUILD == 1 ]]; then
	log "building the sample application"
	./mvnw -B -q -DskipTests -pl sample-app -am clean package
	JAR=$(find sample-app/target -maxdepth 1 -name 'probes-sample-app-*.jar' | head -n 1)
fi
[[ -n $JAR ]] || fail "no sample-app jar after the build"

(exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null ||
	fail "PostgreSQL is not listening on 127.0.0.1:$PG_PORT"

read -r -a java_opts <<<"$JAVA_OPTS"
wrk_options=(--timeout "${TIMEOUT}s")
[[ $KEEPALIVE == 1 ]] || wrk_options+=(-H 'Connection: close')
CLK_TCK=$(getconf CLK_TCK)

# --- helpers -------------------------------------------------------------------------------

# Prints "<http status> <seconds>" for one request; status 000 when there was no answer.
request() {
	curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time "$2" "http://127.0.0.1:$APP_PORT$1" || true
}

await_status() {
	local path=$1 expected=$2 seconds=$3 deadline
	deadline=$((SECONDS + seconds))
	until [[ $(request "$path" 2 | cut -d' ' -f1) == "$expected" ]]; do
		if ! kill -0 "$APP_PID" 2>/dev/null; then
			tail -n 40 "$WORK/$INSTANCE-app.log" >&2
			fail "the application stopped; see above"
		fi
		((SECONDS < deadline)) || fail "$path did not answer $expected within ${seconds}s"
		sleep 0.2
	done
}

# Starts the sample application behind a proxy that can black-hole its dependencies: the
# database (PostgreSQL) and payments (the stub inside the application, reached from outside).
start_instance() {
	INSTANCE=$1
	shift
	APP_PORT=$(free_port)
	local database_port payments_port
	database_port=$(free_port)
	payments_port=$(free_port)
	"$PYTHON" benchmarks/blackhole.py "$database_port:127.0.0.1:$PG_PORT" "$payments_port:127.0.0.1:$APP_PORT" \
		>"$WORK/$INSTANCE-proxy.log" 2>&1 &
	PROXY_PID=$!
	for _ in {1..50}; do
		grep -q listening "$WORK/$INSTANCE-proxy.log" && break
		sleep 0.1
	done
	grep -q listening "$WORK/$INSTANCE-proxy.log" || fail "the black-hole proxy did not start"
	log "starting the sample application ($INSTANCE) on 127.0.0.1:$APP_PORT"
	DATABASE_PASSWORD=$PG_PASSWORD \
		PAYMENTS_URL="http://127.0.0.1:$payments_port/stub/payments/readyz" \
		CACHE_HOST=127.0.0.1 CACHE_PORT=$CACHE_PORT \
		"$JAVA" "${java_opts[@]}" -jar "$JAR" \
		--server.address=127.0.0.1 --server.port="$APP_PORT" \
		--spring.datasource.url="jdbc:postgresql://127.0.0.1:$database_port/$PG_DATABASE" \
		--spring.datasource.username="$PG_USER" \
		"$@" >"$WORK/$INSTANCE-app.log" 2>&1 &
	APP_PID=$!
	await_status /livez 200 "$STARTUP_TIMEOUT"
}

# A fresh JVM needs a while before its JIT has compiled the request paths; a light load leaves
# the compiler threads enough of the two CPUs to get there sooner than full load would.
warm_up_jvm() {
	log "warming up the JVM for $JVM_WARMUP"
	wrk -t1 -c4 -d"$JVM_WARMUP" "${wrk_options[@]}" -s benchmarks/rotate.lua "http://127.0.0.1:$APP_PORT" \
		-- /ping /livez /readyz >/dev/null
}

stop_instance() {
	stop "$APP_PID"
	APP_PID=
	stop "$PROXY_PID"
	PROXY_PID=
}

black_hole() {
	log "black-holing the database and payments"
	kill -USR1 "$PROXY_PID"
}

# One /readyz on its own, as a kubelet sends it, with time to answer however long it takes;
# it runs in the background while the scenario is measured.
start_lone_probe() {
	request /readyz "$LONE_PROBE_TIMEOUT" >"$WORK/$SCENARIO-lone-probe" &
	PROBE_PID=$!
}

finish_lone_probe() {
	wait "$PROBE_PID" || true
	PROBE_PID=
	printf '%s\t%s\n' "$SCENARIO" "$(cat "$WORK/$SCENARIO-lone-probe")" >>"$WORK/lone-probes.tsv"
}

measure() {
	local path=$1 url="http://127.0.0.1:$APP_PORT$1" single output result cpu_before cpu_after
	single=$(request "$path" "$TIMEOUT")
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${wrk_options[@]}" "$url" >/dev/null
	cpu_before=$(cpu_ticks "$APP_PID")
	output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "${wrk_options[@]}" -s benchmarks/report.lua "$url")
	cpu_after=$(cpu_ticks "$APP_PID")
	result=$(sed -n 's/^RESULT //p' <<<"$output")
	[[ -n $result ]] || fail "no result from wrk for $path: $output"
	result="$result app_cpu_us=$(((cpu_after - cpu_before) * 1000000 / CLK_TCK))"
	log "$SCENARIO $path: $result"
	# scenario, path, single status, single seconds, then the RESULT values in their order
	printf '%s\t%s\t%s\t%s\t%s\n' "$SCENARIO" "$path" "${single% *}" "${single#* }" \
		"$(tr ' ' '\n' <<<"$result" | cut -d= -f2 | paste -sd '\t')" >>"$RESULTS"
}

run_scenario() {
	SCENARIO=$1
	log "scenario $SCENARIO"
	start_lone_probe
	measure /ping
	measure /livez
	measure /readyz
	finish_lone_probe
}

# --- the runs ------------------------------------------------------------------------------

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
log "load average before the runs: $LOAD_BEFORE"

start_instance probes
await_status /readyz 200 30
warm_up_jvm
run_scenario "A probes, healthy"
black_hole
await_status /readyz 503 30
run_scenario "B probes, black-holed"
stop_instance

if [[ $ACTUATOR == 1 ]]; then
	start_instance actuator --probes.enabled=false \
		--management.endpoint.health.group.readiness.include=readinessState,db \
		--management.endpoint.health.probes.add-additional-paths=true
	await_status /readyz 200 30
	warm_up_jvm
	run_scenario "C actuator, healthy"
	black_hole
	run_scenario "D actuator, black-holed"
	stop_instance
	jvms="one JVM for A and B, one for C and D"
else
	jvms="one JVM for A and B"
fi

LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

# --- report --------------------------------------------------------------------------------

if [[ $KEEPALIVE == 1 ]]; then
	connection_mode="connections kept alive"
else
	connection_mode="a new connection per request (Connection: close), as the kubelet probes"
fi
cat <<EOF

Probe cost: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout ${TIMEOUT}s after ${WARMUP} of warm-up per endpoint, $connection_mode;
$jvms, each warmed up for $JVM_WARMUP; $(nproc) CPUs shared by wrk, the application, the proxy and PostgreSQL.
$("$JAVA" -version 2>&1 | head -n 1); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2); load average before/after: $LOAD_BEFORE / $LOAD_AFTER

EOF
# Columns of $RESULTS: 1 scenario, 2 path, 3 lone status, 4 lone seconds, 5 requests,
# 6 duration_us, 7 p50_us, 8 p99_us, 9 max_us, 10 status errors, 11 timeouts,
# 12 socket errors, 13 application CPU us.
awk -F'\t' '
	function ms(us) { return sprintf("%.2f", us / 1000) }
	BEGIN {
		print "| scenario | endpoint | one request | req/s | req/s vs /ping | app CPU per request | CPU vs /ping | p50 ms | p99 ms | max ms | non-2xx | timeouts | socket errors |"
		print "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	}
	{
		answered = ($5 > 0)
		rps = $5 / ($6 / 1e6)
		cpu = answered ? $13 / $5 : 0
		if ($2 == "/ping") { ping_rps[$1] = rps; ping_cpu[$1] = cpu }
		lone = ($3 == "000") ? sprintf("none in %.1f s", $4) : sprintf("%s in %.1f ms", $3, $4 * 1000)
		printf "| %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %d | %d | %d |\n", $1, $2, lone, rps,
			(ping_rps[$1] > 0) ? sprintf("%.2fx", rps / ping_rps[$1]) : "-",
			answered ? sprintf("%.0f µs", cpu) : "-",
			(answered && ping_cpu[$1] > 0) ? sprintf("%.2fx", cpu / ping_cpu[$1]) : "-",
			answered ? ms($7) : "-", answered ? ms($8) : "-", answered ? ms($9) : "-", $10, $11, $12
	}' "$RESULTS"

cat <<EOF

one request: a single request sent just before the endpoint's runs, allowed ${TIMEOUT} s.
app CPU per request: CPU time of the application process (all its threads) during the run,
divided by the requests answered.
One /readyz sent on its own at the start of each scenario, allowed ${LONE_PROBE_TIMEOUT} s:
EOF
awk -F'\t' '{
	split($2, r, " ")
	printf "- %s: %s after %.3f s\n", $1, (r[1] == "000") ? "no answer" : "HTTP " r[1], r[2]
}' "$WORK/lone-probes.tsv"
