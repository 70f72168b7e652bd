package dev.probes.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Spreads the delays between attempts at random, so that the pods of a fleet do not check a
 * dependency in lock-step.
 *
 * <p>
 * A delay is only ever shortened, never lengthened: the timing that follows from the keys
 * (a failure is seen within {@code interval + timeout}) stays an upper bound. Pods that start
 * together, or see a dependency fail or recover together, would still check in step for a
 * long time under a small spread; so the first delay after start and after each change of
 * status is drawn from the whole interval, which scatters them at once.
 */
final class Spread {

	private final double jitter;

	/**
	 * Create a spread.
	 * @param jitter the fraction by which a delay is shortened at random, from 0 (none) to 1
	 */
	Spread(double jitter) {
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("Jitter must be between 0 and 1");
		}
		this.jitter = jitter;
	}

	/**
	 * Return a delay between {@code (1 - jitter) × base} and {@code base}.
	 * @param base the configured delay
	 * @return the delay to use
	 */
	Duration shorten(Duration base) {
		return scale(base, 1 - this.jitter * random());
	}

	/**
	 * Return a delay anywhere up to {@code base}, to set a new phase; {@code base} itself when
	 * there is no jitter.
	 * @param base the configured delay
	 * @return the delay to use
	 */
	Duration rephase(Duration base) {
		return (this.jitter == 0) ? base : scale(base, 1 - random());
	}

	private static double random() {
		return ThreadLocalRandom.current().nextDouble();
	}

	private static Duration scale(Duration base, double factor) {
		// nextDouble() is below 1, so the factor is above 0: never a zero delay.
		return Duration.ofNanos(Math.max(1, Math.round(base.toNanos() * factor)));
	}

}
