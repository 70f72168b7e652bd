#!/usr/bin/env bash
# Draws docs/images/probe-scaling.png from the figures that benchmarks/probe-scaling.sh wrote:
# requests per second against the number of declared dependencies, for /hello, /readyz with
# Probes and /readyz with plain Actuator, kept-alive connections and a new one per request.
#
#   bash benchmarks/plot-scaling.sh [results.tsv] [output.png]
#
# Needs gnuplot (installs gnuplot-nox with apt-get when it is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RESULTS=${1:-benchmarks/results/probe-scaling.tsv}
OUTPUT=${2:-docs/images/probe-scaling.png}

# shellcheck source=benchmarks/common.sh
source benchmarks/common.sh
install_missing gnuplot gnuplot-nox

DATA=$(mktemp)
trap 'rm -f "$DATA"' EXIT
# One line per (connection, dependencies): hello, readyz with Probes, readyz with Actuator.
awk -F'\t' '
	NR == 1 || $3 != "healthy" { next }
	{
		# Rounds of the same measurement add up.
		requests[$1, $2, $4, $5] += $6; duration[$1, $2, $4, $5] += $7
		rps = requests[$1, $2, $4, $5] / (duration[$1, $2, $4, $5] / 1e6)
		if ($1 == "probes" && $5 == "/hello") hello[$4, $2] = rps
		if ($1 == "probes" && $5 == "/readyz") probes[$4, $2] = rps
		if ($1 == "actuator" && $5 == "/readyz") actuator[$4, $2] = rps
		if (!(($4, $2) in seen)) { seen[$4, $2] = 1; order[++n] = $4 SUBSEP $2 }
	}
	END {
		for (c = 1; c <= 2; c++) {
			connection = (c == 1) ? "keep-alive" : "close"
			for (i = 1; i <= n; i++) {
				split(order[i], parts, SUBSEP)
				if (parts[1] != connection) continue
				printf "%s %.0f %.0f %.0f\n", parts[2], hello[order[i]], probes[order[i]], actuator[order[i]]
			}
			printf "\n\n"
		}
	}' "$RESULTS" >"$DATA"

mkdir -p "$(dirname "$OUTPUT")"
gnuplot <<GNUPLOT
set terminal pngcairo size 1100,460 font "sans,10"
set output "$OUTPUT"
set multiplot layout 1,2 title "Requests per second against declared dependencies (higher is better)"
set logscale x
set xtics (1, 10, 50)
set xrange [0.8:65]
set yrange [0:*]
set xlabel "declared dependencies"
set ylabel "requests per second"
set key at graph 0.97, 0.42 right top box opaque
set grid ytics
set title "connections kept alive"
plot "$DATA" index 0 using 1:2 with linespoints lw 2 pt 7 title "/hello", \
     "" index 0 using 1:3 with linespoints lw 2 pt 5 title "/readyz, Probes", \
     "" index 0 using 1:4 with linespoints lw 2 pt 9 title "/readyz, plain Actuator"
set title "a new connection per request (Connection: close, as the kubelet probes)"
plot "$DATA" index 1 using 1:2 with linespoints lw 2 pt 7 title "/hello", \
     "" index 1 using 1:3 with linespoints lw 2 pt 5 title "/readyz, Probes", \
     "" index 1 using 1:4 with linespoints lw 2 pt 9 title "/readyz, plain Actuator"
unset multiplot
GNUPLOT
echo "wrote $OUTPUT" >&2
