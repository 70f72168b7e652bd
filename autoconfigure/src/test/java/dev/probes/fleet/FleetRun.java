package dev.probes.fleet;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one {@link FleetScenario} measured: connections accepted by the dependency and
 * attempts completed by the pods (refused ones included), per bin, and the figures the
 * report is made of. Rates are per second, whatever the bin.
 *
 * @param scenario the scenario that ran
 * @param accepted connections accepted by the dependency, per bin
 * @param attempts attempts completed by the pods, per bin
 * @param startSpread time from the start of the first bin until every pod had started
 */
record FleetRun(FleetScenario scenario, int[] accepted, int[] attempts, Duration startSpread) {

	static final String SUMMARY_HEADER = String.join("\t", "name", "pods", "interval_s", "interval_when_down_s",
			"jitter", "nominal_per_s", "healthy_mean_per_s", "healthy_min_per_s", "healthy_p95_per_s",
			"healthy_max_per_s", "peak_first_interval_per_s", "peak_following_per_s", "down_attempts_per_s",
			"start_spread_ms", "outage_start_s", "outage_end_s");

	/**
	 * Return the accepted connections per second in the steady, healthy window.
	 * @return their mean, minimum, 95th percentile and maximum over the bins
	 */
	Rates healthy() {
		return Rates.of(rates(this.accepted, this.scenario.steadyStart(), this.scenario.steadyEnd()));
	}

	/**
	 * Return the accepted connections per second in the first interval after the outage.
	 * @return the rates over its bins
	 */
	Rates firstIntervalAfterOutage() {
		return Rates.of(rates(this.accepted, this.scenario.outageEnd(), this.scenario.firstIntervalAfterOutageEnd()));
	}

	/**
	 * Return the accepted connections per second in the intervals that follow the first
	 * one after the outage.
	 * @return the rates over their bins
	 */
	Rates followingIntervals() {
		return Rates.of(rates(this.accepted, this.scenario.firstIntervalAfterOutageEnd(), this.scenario.end()));
	}

	/**
	 * Return the pods' attempts per second during the outage, from one interval after it
	 * began (by then every pod has seen it) to its end.
	 * @return the mean rate of attempts, all refused
	 */
	double attemptsWhileDown() {
		int from = Math.min(this.scenario.outageStart() + FleetScenario.BINS_PER_INTERVAL,
				this.scenario.outageEnd() - 1);
		return Rates.of(rates(this.attempts, from, this.scenario.outageEnd())).mean();
	}

	/**
	 * Return the figures of this run as one tab-separated line, in the order of
	 * {@link #SUMMARY_HEADER}.
	 * @return the line
	 */
	String summary() {
		Rates healthy = healthy();
		FleetScenario scenario = this.scenario;
		return String.join("\t", scenario.name(), Integer.toString(scenario.pods()),
				number(scenario.interval().toNanos() / 1e9), number(scenario.intervalWhenDown().toNanos() / 1e9),
				number(scenario.jitter()), number(scenario.nominalRate()), number(healthy.mean()),
				number(healthy.min()), number(healthy.p95()), number(healthy.max()),
				number(firstIntervalAfterOutage().max()), number(followingIntervals().max()),
				number(attemptsWhileDown()), Long.toString(this.startSpread.toMillis()),
				number(scenario.outageStart() * scenario.binSeconds()),
				number(scenario.outageEnd() * scenario.binSeconds()));
	}

	/**
	 * Return the series as CSV: the start of each bin in seconds, then its accepted
	 * connections and completed attempts per second.
	 * @return the CSV text, with a header line
	 */
	String csv() {
		StringBuilder csv = new StringBuilder("t_s,accepted_per_s,attempts_per_s\n");
		double seconds = this.scenario.binSeconds();
		for (int bin = 0; bin < this.accepted.length; bin++) {
			csv.append(number(bin * seconds))
				.append(',')
				.append(number(this.accepted[bin] / seconds))
				.append(',')
				.append(number(this.attempts[bin] / seconds))
				.append('\n');
		}
		return csv.toString();
	}

	private double[] rates(int[] counts, int from, int to) {
		double seconds = this.scenario.binSeconds();
		return Arrays.stream(counts, from, to).mapToDouble((count) -> count / seconds).toArray();
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value)
				: String.format(Locale.ROOT, "%.2f", value).replaceAll("0$", "");
	}

	/**
	 * Rates over a window of bins.
	 *
	 * @param mean the mean
	 * @param min the lowest
	 * @param p95 the 95th percentile
	 * @param max the highest
	 * @param idle the share of bins without any connection, from 0 to 1
	 */
	record Rates(double mean, double min, double p95, double max, double idle) {

		static Rates of(double[] rates) {
			double[] sorted = rates.clone();
			Arrays.sort(sorted);
			int p95 = (int) Math.ceil(0.95 * sorted.length) - 1;
			long idle = Arrays.stream(sorted).filter((rate) -> rate == 0).count();
			return new Rates(Arrays.stream(sorted).average().orElseThrow(), sorted[0], sorted[p95],
					sorted[sorted.length - 1], (double) idle / sorted.length);
		}

	}

}
