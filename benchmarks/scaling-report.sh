#!/usr/bin/env bash
# Prints the tables of docs/benchmarks.md from the figures that benchmarks/probe-scaling.sh
# wrote, and whether each target is met.
#
#   bash benchmarks/scaling-report.sh [results.tsv]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RESULTS=${1:-benchmarks/results/probe-scaling.tsv}
SATURATION=${RESULTS%.tsv}-saturation.tsv
META=${RESULTS%.tsv}-meta.txt

[[ -f $META ]] && sed 's/^# //' "$META" && echo

# Columns: 1 mode, 2 dependencies, 3 phase, 4 connection, 5 path, 6 requests, 7 duration_us,
# 8 p50_us, 9 p99_us, 10 max_us, 11 status_errors, 12 timeouts, 13 socket_errors, 14 app_cpu_us.
awk -F'\t' '
	NR == 1 { next }
	{
		key = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4 SUBSEP $5
		# Rounds of the same measurement add up; p99 is their mean.
		requests[key] += $6; duration[key] += $7; cpu_us[key] += $14; runs[key]++
		p99_sum[key] += $9 / 1000; timeouts[key] += $12
		rps[key] = requests[key] / (duration[key] / 1e6)
		cpu[key] = (requests[key] > 0) ? cpu_us[key] / requests[key] : 0
		p99[key] = p99_sum[key] / runs[key]
		if (!($2 in seen)) { seen[$2] = 1; counts[++n] = $2 }
	}
	function k(mode, count, phase, connection, path) {
		return mode SUBSEP count SUBSEP phase SUBSEP connection SUBSEP path
	}
	END {
		split("keep-alive close", connections, " ")
		for (c = 1; c <= 2; c++) {
			connection = connections[c]
			printf "Requests per second, %s (ratio: /readyz over /hello of the same application)\n\n", connection
			print "| dependencies | /hello (Probes app) | /readyz, Probes | ratio | CPU per request, /hello over /readyz | /hello (Actuator app) | /readyz, Actuator | ratio |"
			print "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
			min = 1e9; max = 0
			for (i = 1; i <= n; i++) {
				count = counts[i]
				hp = k("probes", count, "healthy", connection, "/hello")
				rp = k("probes", count, "healthy", connection, "/readyz")
				ha = k("actuator", count, "healthy", connection, "/hello")
				ra = k("actuator", count, "healthy", connection, "/readyz")
				ratio = rps[rp] / rps[hp]
				if (ratio < min) min = ratio
				if (ratio > max) max = ratio
				printf "| %s | %.0f | %.0f | **%.2f×** | %.2f× | %.0f | %.0f | %.2f× |\n", count, rps[hp], rps[rp], ratio,
					(cpu[rp] > 0) ? cpu[hp] / cpu[rp] : 0, rps[ha], rps[ra], (rps[ha] > 0) ? rps[ra] / rps[ha] : 0
				target_min[connection] = min
			}
			printf "\nTarget /readyz ≥ 1.0× /hello: lowest ratio %.2f× (%s). Spread of the ratio between %s and %s dependencies: %.1f %% (target ≤ 10 %%: %s).\n\n",
				min, (min >= 1.0) ? "met" : "NOT met", counts[1], counts[n], (max / min - 1) * 100,
				(max / min - 1 <= 0.10) ? "met" : "NOT met"
		}
		print "p99 latency of /readyz under load while dep1 is black-holed, against healthy, same JVM (ms)\n"
		print "| dependencies | connection | Probes healthy (200) | Probes black-holed (503) | ratio | black-holed, `?exclude=dep1` (200) | ratio | Actuator healthy | Actuator black-holed | Actuator timeouts |"
		print "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
		worst = 0
		for (i = 1; i <= n; i++) {
			for (c = 1; c <= 2; c++) {
				count = counts[i]; connection = connections[c]
				ph = k("probes", count, "healthy", connection, "/readyz")
				pb = k("probes", count, "black-holed", connection, "/readyz")
				ah = k("actuator", count, "healthy", connection, "/readyz")
				ab = k("actuator", count, "black-holed", connection, "/readyz")
				px = k("probes", count, "black-holed", connection, "/readyz?exclude=dep1")
				ratio = p99[pb] / p99[ph]
				if (ratio > worst) worst = ratio
				excluded = (px in p99) ? sprintf("%.2f | %.2f×", p99[px], p99[px] / p99[ph]) : "- | -"
				if ((px in p99) && p99[px] / p99[ph] > worst_excluded) worst_excluded = p99[px] / p99[ph]
				if (connection == "close" && ratio > worst_close) worst_close = ratio
				printf "| %s | %s | %.2f | %.2f | **%.2f×** | %s | %.2f | %s | %d |\n", count, connection, p99[ph], p99[pb],
					ratio, excluded, p99[ah], (p99[ab] > 0) ? sprintf("%.2f", p99[ab]) : "no answer", timeouts[ab]
			}
		}
		printf "\nTarget p99 black-holed ≤ 1.2× healthy: worst %.2f× (%s); with a new connection per request, as the kubelet probes, worst %.2f× (%s); black-holed with the check excluded (200), worst %.2f×.\n\n",
			worst, (worst <= 1.2) ? "met" : "NOT met", worst_close, (worst_close <= 1.2) ? "met" : "NOT met", worst_excluded
	}' "$RESULTS"

if [[ -f $SATURATION ]]; then
	echo "Liveness with server.tomcat.threads.max=4 and 8 slow requests in flight: kubelet-like probes (new connection, 1 s timeout)"
	echo
	awk -F'\t' '
		{
			total[$5]++
			if ($6 == "200") { ok[$5]++; times[$5, ok[$5]] = $7 * 1000 }
			if (!($5 in seen)) { seen[$5] = 1; order[++n] = $5 }
		}
		function sort(path, count,   i, j, t) {
			for (i = 2; i <= count; i++) {
				t = times[path, i]
				for (j = i - 1; j >= 1 && times[path, j] > t; j--) times[path, j + 1] = times[path, j]
				times[path, j + 1] = t
			}
		}
		END {
			print "| where | probes | answered 200 within 1 s | p50 ms | p99 ms | max ms |"
			print "| --- | ---: | ---: | ---: | ---: | ---: |"
			for (i = 1; i <= n; i++) {
				path = order[i]; count = ok[path] + 0
				sort(path, count)
				if (count > 0) {
					printf "| %s | %d | %d | %.1f | %.1f | %.1f |\n", path, total[path], count, times[path, int((count + 1) / 2)],
						times[path, int(count * 0.99 + 0.999)], times[path, count]
				}
				else {
					printf "| %s | %d | 0 | - | - | - |\n", path, total[path]
				}
			}
		}' "$SATURATION"
fi
