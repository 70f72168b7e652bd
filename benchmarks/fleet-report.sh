#!/usr/bin/env bash
# Prints the table of docs/benchmarks.md, "Fleet simulation", from the figures that
# benchmarks/fleet-simulation.sh wrote, and whether each goal is met.
#
#   bash benchmarks/fleet-report.sh [results-prefix]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PREFIX=${1:-benchmarks/results/fleet}

[[ -f $PREFIX-meta.txt ]] && sed 's/^# //' "$PREFIX-meta.txt" && echo

# Columns: 1 name, 2 pods, 3 interval_s, 4 interval_when_down_s, 5 jitter, 6 nominal_per_s,
# 7 healthy_mean_per_s, 8 healthy_min_per_s, 9 healthy_p95_per_s, 10 healthy_max_per_s,
# 11 peak_first_interval_per_s, 12 peak_following_per_s, 13 down_attempts_per_s,
# 14 start_spread_ms.
awk -F'\t' '
	NR == 1 { next }
	{
		rows[++n] = $0
		interval = $3
	}
	END {
		printf "Connections accepted per second by the dependency (%d pods, interval %ss: pods ÷ interval = %s/s)\n\n", \
			$2, interval, $6
		print "| jitter | interval-when-down | healthy mean | healthy min / p95 / max | peak, first " interval " s after the outage | peak, next " (6 * interval) " s | attempts/s while down |"
		print "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
		for (i = 1; i <= n; i++) {
			split(rows[i], f, "\t")
			mean = f[7]
			printf "| %s | %ss | %.1f (%+.1f %%) | %.0f / %.0f / %.0f (%.2f× / %.2f× / %.2f×) | %.0f (**%.2f×**) | %.0f (%.2f×) | %.0f |\n", \
				f[5], f[4], mean, 100 * (mean / f[6] - 1), f[8], f[9], f[10], f[8] / mean, f[9] / mean, f[10] / mean, \
				f[11], f[11] / mean, f[12], f[12] / mean, f[13]
		}
		printf "\nGoals: healthy mean within ±10 %% of pods ÷ interval; peak in the first %s s after the outage ≤ 2× the healthy mean.\n", interval
		for (i = 1; i <= n; i++) {
			split(rows[i], f, "\t")
			printf "- jitter %s, interval-when-down %ss: healthy mean %s; post-outage peak %s; pods started within %s ms\n", \
				f[5], f[4], (f[7] >= 0.9 * f[6] && f[7] <= 1.1 * f[6]) ? "met" : "NOT met", \
				(f[11] <= 2 * f[7]) ? "met" : sprintf("NOT met (%.2f×)", f[11] / f[7]), f[14]
		}
	}' "$PREFIX-summary.tsv"
