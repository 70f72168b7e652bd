package dev.probes.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Spreads the delays between attempts at random, so that the pods of a fleet do not check
 * a dependency in lock-step.
 *
 * <p>
 * A delay is only ever shortened, never lengthened: the timing that follows from the keys
 * (a failure is seen within {@code interval + timeout}) stays an upper bound. Pods that
 * start together would still check in step for a long time under a small spread; so the
 * first delay after a change of status seen by an attempt on no schedule (the first
 * result, at start) is drawn from the whole interval, which scatters them at once.
 *
 * <p>
 * Pods that see a dependency fail or recover see it at their own attempts, so their
 * changes of status are already spread over the schedule they were on. After a change
 * from a shorter schedule ({@code interval-when-down} 2 s, back to {@code interval} 10
 * s), the first delay steps back from the interval by a random whole number of the
 * shorter delays (10, 8, 6, 4 or 2 s): pods spread over 2 s are then spread evenly over
 * the next 10 s, and none checks again before every pod has seen the change. A delay
 * drawn from the whole interval would instead bring back the pods that changed first
 * while others are still changing, up to twice the healthy rate for a moment. After a
 * change from a schedule at least as long, the pods are spread over the new one already
 * and keep their phase.
 */
final class Spread {

	private final double jitter;

	/**
	 * Create a spread.
	 * @param jitter the fraction by which a delay is shortened at random, from 0 (none)
	 * to 1
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
	 * Return the first delay after a change of status, which sets the phase on the new
	 * schedule; {@code base} itself when there is no jitter.
	 * @param base the configured delay of the new schedule
	 * @param previous the configured delay of the schedule that led to the attempt that
	 * changed the status, or zero when that attempt was on no schedule
	 * @return a delay anywhere up to {@code base} when {@code previous} is zero;
	 * {@code base} less a random whole number of {@code previous} delays, shortened, when
	 * {@code previous} is shorter; {@code base} shortened otherwise
	 */
	Duration rephase(Duration base, Duration previous) {
		if (this.jitter == 0) {
			return base;
		}
		if (previous.isZero()) {
			return scale(base, 1 - random());
		}
		long steps = Math.max(1, base.toNanos() / previous.toNanos());
		long step = ThreadLocalRandom.current().nextLong(steps);
		return shorten(base.minus(previous.multipliedBy(step)));
	}

	private static double random() {
		return ThreadLocalRandom.current().nextDouble();
	}

	private static Duration scale(Duration base, double factor) {
		// nextDouble() is below 1, so the factor is above 0: never a zero delay.
		return Duration.ofNanos(Math.max(1, Math.round(base.toNanos() * factor)));
	}

}
