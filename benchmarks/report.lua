-- wrk script for benchmarks/probe-cost.sh: prints one machine-readable line after a run.
-- Latencies are in microseconds. wrk counts a response slower than its --timeout under
-- timeouts (and in requests) but leaves it out of the latencies; a request still unanswered
-- when the run ends is counted nowhere.
done = function(summary, latency, requests)
	local errors = summary.errors
	io.write(string.format(
		"RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d status_errors=%d timeouts=%d socket_errors=%d\n",
		summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
		errors.status, errors.timeout, errors.connect + errors.read + errors.write))
end
