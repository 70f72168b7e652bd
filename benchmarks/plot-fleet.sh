#!/usr/bin/env bash
# Draws docs/images/fleet-simulation.png from the series that benchmarks/fleet-simulation.sh
# wrote: connections accepted per second by the dependency (and the pods' attempts, refused
# ones included) over the whole run, one panel per combination of interval-when-down (rows)
# and jitter (columns), the outage shaded.
#
#   bash benchmarks/plot-fleet.sh [results-prefix] [output.png]
#
# Needs gnuplot (installs gnuplot-nox with apt-get when it is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PREFIX=${1:-benchmarks/results/fleet}
OUTPUT=${2:-docs/images/fleet-simulation.png}

# shellcheck source=benchmarks/common.sh
source benchmarks/common.sh
install_missing gnuplot gnuplot-nox

# One line per run: its series, jitter, interval-when-down, nominal rate, healthy mean, outage
# start and end, interval (columns 1, 5, 4, 6, 7, 15, 16, 3 of the summary).
PANELS=$(mktemp)
trap 'rm -f "$PANELS"' EXIT
awk -F'\t' -v prefix="$PREFIX" 'NR > 1 { print prefix "-" $1 ".csv", $5, $4, $6, $7, $15, $16, $3 }' \
	"$PREFIX-summary.tsv" >"$PANELS"

mkdir -p "$(dirname "$OUTPUT")"
{
	cat <<GNUPLOT
set terminal pngcairo size 1200,900 font "sans,10"
set output "$OUTPUT"
set datafile separator ","
set datafile columnheaders
set multiplot layout $(awk '{ print $3 }' "$PANELS" | sort -u | wc -l),$(awk '{ print $2 }' "$PANELS" | sort -u | wc -l) title "Connections accepted per second by one dependency from $(awk -F'\t' 'NR == 2 { print $2 }' "$PREFIX-summary.tsv") pods (refused for $(awk 'NR == 1 { print $7 - $6 }' "$PANELS") s: shaded)"
set xlabel "seconds since the pods started"
set ylabel "connections per second"
set grid ytics
set key below horizontal maxrows 2 samplen 3
GNUPLOT
	while read -r csv jitter down nominal mean from to interval; do
		# Every pod checks once at start; when that burst would flatten the rest of the panel,
		# it is cut and its height written on it.
		read -r burst rest < <(awk -F, -v interval="$interval" 'NR > 1 {
				if ($1 < interval) { if ($2 > burst) burst = $2 } else { if ($2 > rest) rest = $2; if ($3 > rest) rest = $3 }
			} END { print burst + 0, rest + 0 }' "$csv")
		if awk -v burst="$burst" -v rest="$rest" 'BEGIN { exit !(burst > 1.5 * rest) }'; then
			range="[0:$(awk -v rest="$rest" -v mean="$mean" 'BEGIN { print (1.25 * rest > 2.4 * mean) ? 1.25 * rest : 2.4 * mean }')]"
			label="set label 1 \"start: $burst/s (cut)\" at graph 0.02, graph 0.95 front"
		else
			range="[0:*]"
			label="unset label 1"
		fi
		cat <<GNUPLOT
set title "jitter $jitter, interval ${interval}s, interval-when-down ${down}s"
set yrange $range
$label
unset object
set object 1 rect from $from, graph 0 to $to, graph 1 behind fillcolor rgb "#dddddd" fillstyle solid noborder
plot "$csv" using 1:3 with steps lw 1 lc rgb "#9ab8d8" title "attempts (refused ones too)", \
     "" using 1:2 with steps lw 1.5 lc rgb "#1f5fa8" title "accepted", \
     $nominal with lines dt 2 lc rgb "#555555" title "pods ÷ interval", \
     2 * $mean with lines dt 3 lw 1.5 lc rgb "#c0392b" title "2 × healthy mean"
GNUPLOT
	done <"$PANELS"
	echo "unset multiplot"
} | gnuplot
echo "wrote $OUTPUT" >&2
