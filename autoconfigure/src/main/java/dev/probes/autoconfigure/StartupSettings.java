package dev.probes.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.probes.autoconfigure.ProbesProperties.Startup;
import dev.probes.engine.Backoff;
import dev.probes.engine.Durations;

/**
 * Validates {@code probes.startup.*}, naming the property at fault.
 */
final class StartupSettings {

	private static final String PREFIX = "probes.startup.";

	private StartupSettings() {
	}

	static Duration timeout(Startup startup) {
		requirePositive("timeout", startup.getTimeout());
		return startup.getTimeout();
	}

	/**
	 * Return the dependencies the wait awaits, failing when there are none: a wait with
	 * nothing to wait for is a mistake (a dependency left out, or declared not critical)
	 * that would otherwise go unnoticed.
	 */
	static <T> List<T> awaited(List<T> awaited) {
		if (awaited.isEmpty()) {
			throw new InvalidDependencyException(PREFIX + "wait",
					"true, but no critical dependency is declared to wait for",
					"Declare a critical dependency under 'probes.dependencies' (critical is the default; 'health'"
							+ " dependencies are not waited for), or remove '" + PREFIX + "wait'.");
		}
		return awaited;
	}

	static Backoff backoff(Startup startup) {
		ProbesProperties.Backoff backoff = startup.getBackoff();
		requirePositive("backoff.initial", backoff.getInitial());
		requirePositive("backoff.max", backoff.getMax());
		if (backoff.getMax().compareTo(backoff.getInitial()) < 0) {
			throw new InvalidDependencyException(PREFIX + "backoff.max",
					Durations.format(backoff.getMax()) + " is shorter than backoff.initial ("
							+ Durations.format(backoff.getInitial()) + ")",
					"Set '" + PREFIX + "backoff.max' to at least '" + PREFIX + "backoff.initial'.");
		}
		if (backoff.getMultiplier() < 1) {
			throw new InvalidDependencyException(PREFIX + "backoff.multiplier", backoff.getMultiplier() + " is less than 1",
					"Set '" + PREFIX + "backoff.multiplier' to 1 (constant delay) or more, such as 2.");
		}
		if (backoff.getJitter() < 0 || backoff.getJitter() > 1) {
			throw new InvalidDependencyException(PREFIX + "backoff.jitter", backoff.getJitter() + " is not between 0 and 1",
					"Set '" + PREFIX + "backoff.jitter' to a fraction such as 0.2.");
		}
		return new Backoff(backoff.getInitial(), backoff.getMax(), backoff.getMultiplier(), backoff.getJitter());
	}

	private static void requirePositive(String key, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidDependencyException(PREFIX + key, Durations.format(value) + " is not a positive duration",
					"Set '" + PREFIX + key + "' to a positive duration such as 100ms or 2m.");
		}
	}

}
