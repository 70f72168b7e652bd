package dev.probes.check;

import java.time.Duration;

/**
 * Converts an attempt's timeout into the units that client APIs take.
 */
final class Timeouts {

	private Timeouts() {
	}

	/** Milliseconds, at least 1, because 0 means "no timeout" to most socket APIs. */
	static int millis(Duration timeout) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
	}

	/** Whole seconds rounded up, at least 1, because 0 means "no timeout" to JDBC. */
	static int seconds(Duration timeout) {
		long seconds = timeout.toSeconds() + ((timeout.toNanosPart() > 0) ? 1 : 0);
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
	}

}
