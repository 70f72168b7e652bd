package dev.probes.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with a cap and jitter: the delay after the n-th consecutive failure
 * is {@code initial × multiplier^(n-1)}, varied by ± {@code jitter} and never above
 * {@code max}. Jitter keeps pods and dependencies that failed together from retrying in
 * lockstep.
 *
 * @param initial delay after the first failure
 * @param max longest delay
 * @param multiplier growth from one delay to the next, at least 1
 * @param jitter fraction by which a delay varies at random, from 0 to 1
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

	public Backoff {
		if (initial.isZero() || initial.isNegative() || max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("Backoff needs 0 < initial <= max");
		}
		if (multiplier < 1 || jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("Backoff needs multiplier >= 1 and 0 <= jitter <= 1");
		}
	}

	/**
	 * Return how long to wait after a number of consecutive failures.
	 * @param failures consecutive failures so far, at least 1
	 * @return the delay before the next attempt
	 */
	public Duration delayAfter(int failures) {
		double base = this.initial.toNanos() * Math.pow(this.multiplier, Math.max(0, failures - 1));
		double capped = Math.min(base, this.max.toNanos());
		double jittered = capped * (1 + this.jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1));
		return Duration.ofNanos((long) Math.min(jittered, this.max.toNanos()));
	}

}
