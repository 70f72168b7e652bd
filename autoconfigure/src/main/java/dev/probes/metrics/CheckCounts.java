package dev.probes.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;

/**
 * Running totals of one dependency's attempts, kept whether or not a registry is bound
 * yet: checks start before Micrometer binds its meters, and the first attempts at
 * start-up are the ones an operator most wants counted.
 */
final class CheckCounts {

	private final LongAdder up = new LongAdder();

	private final LongAdder down = new LongAdder();

	private final LongAdder timeout = new LongAdder();

	private final LongAdder nanos = new LongAdder();

	private final LongAdder toUp = new LongAdder();

	private final LongAdder toDown = new LongAdder();

	void record(DependencyState previous, DependencyState current) {
		if (current.timedOut()) {
			this.timeout.increment();
		}
		else if (current.consecutiveSuccesses() > 0) {
			this.up.increment();
		}
		else {
			this.down.increment();
		}
		if (current.latency() != null) {
			this.nanos.add(current.latency().toNanos());
		}
		if (previous.status() != current.status()) {
			(current.status() == DependencyStatus.UP ? this.toUp : this.toDown).increment();
		}
	}

	double outcomes(Outcome outcome) {
		return switch (outcome) {
			case UP -> this.up.sum();
			case DOWN -> this.down.sum();
			case TIMEOUT -> this.timeout.sum();
		};
	}

	long attempts() {
		return this.up.sum() + this.down.sum() + this.timeout.sum();
	}

	double totalTime(TimeUnit unit) {
		return (double) this.nanos.sum() / TimeUnit.NANOSECONDS.convert(1, unit);
	}

	double transitionsTo(DependencyStatus status) {
		return (status == DependencyStatus.UP) ? this.toUp.sum() : this.toDown.sum();
	}

	/**
	 * What one attempt found, as the {@code outcome} tag says it.
	 */
	enum Outcome {

		UP, DOWN, TIMEOUT;

		String tag() {
			return name().toLowerCase();
		}

	}

}
