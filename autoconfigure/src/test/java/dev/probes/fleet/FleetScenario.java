package dev.probes.fleet;

import java.time.Duration;

import dev.probes.engine.CheckSettings;

/**
 * One run of a simulated fleet: pods that all start in the same instant, as in a rollout,
 * each checking the same TCP dependency, which is healthy, then refuses connections for a
 * while, then comes back.
 *
 * <p>
 * The timeline is counted in intervals: two to settle (every pod takes its own phase
 * during the first), {@code steadyIntervals} measured while healthy, half an interval (so
 * that a fleet in lock-step is not checking at the very instant the outage starts), the
 * outage, then the first interval after it and {@code followingIntervals} more. Counts
 * are kept in bins of a tenth of the interval: one second with the default interval of 10
 * s.
 *
 * @param name the name of the run, used in file names and reports
 * @param pods the number of pods, one scheduler each
 * @param interval the pods' {@code interval}
 * @param intervalWhenDown the pods' {@code interval-when-down}
 * @param jitter the pods' {@code jitter}
 * @param outage how long the dependency refuses connections, a whole number of bins
 * @param steadyIntervals intervals measured while healthy
 * @param followingIntervals intervals measured after the first one after the outage
 */
record FleetScenario(String name, int pods, Duration interval, Duration intervalWhenDown, double jitter,
		Duration outage, int steadyIntervals, int followingIntervals) {

	static final int BINS_PER_INTERVAL = 10;

	private static final int SETTLING_INTERVALS = 2;

	FleetScenario {
		if (outage.toNanos() % (interval.toNanos() / BINS_PER_INTERVAL) != 0) {
			throw new IllegalArgumentException("The outage must be a whole number of tenths of the interval");
		}
	}

	/**
	 * Return the settings of every pod's check: the documented defaults but for the
	 * schedule under test.
	 * @return the settings
	 */
	CheckSettings settings() {
		return new CheckSettings(true, this.interval, this.intervalWhenDown, Duration.ofSeconds(2), 1, 1,
				this.interval.multipliedBy(3), this.jitter);
	}

	long binNanos() {
		return this.interval.toNanos() / BINS_PER_INTERVAL;
	}

	double binSeconds() {
		return binNanos() / 1e9;
	}

	/**
	 * Return the rate at which a fleet on a fixed schedule checks: pods ÷ interval.
	 * @return attempts per second
	 */
	double nominalRate() {
		return this.pods / (this.interval.toNanos() / 1e9);
	}

	int steadyStart() {
		return SETTLING_INTERVALS * BINS_PER_INTERVAL;
	}

	int steadyEnd() {
		return steadyStart() + this.steadyIntervals * BINS_PER_INTERVAL;
	}

	int outageStart() {
		return steadyEnd() + BINS_PER_INTERVAL / 2;
	}

	int outageEnd() {
		return outageStart() + (int) (this.outage.toNanos() / binNanos());
	}

	int firstIntervalAfterOutageEnd() {
		return outageEnd() + BINS_PER_INTERVAL;
	}

	int end() {
		return firstIntervalAfterOutageEnd() + this.followingIntervals * BINS_PER_INTERVAL;
	}

}
