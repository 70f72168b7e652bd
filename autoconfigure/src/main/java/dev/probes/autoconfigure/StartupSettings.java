package dev.probes.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.probes.autoconfigure.ProbesProperties.Startup;
import dev.probes.check.Durations;
import dev.probes.check.InvalidPropertyException;
import dev.probes.check.PropertyRules;
import dev.probes.engine.Backoff;

/**
 * Validates {@code probes.startup.*}, naming the property at fault.
 */
final class StartupSettings {

	private static final String PREFIX = "probes.startup.";

	private static final String EXAMPLES = "100ms or 2m";

	private StartupSettings() {
	}

	static Duration timeout(Startup startup) {
		return PropertyRules.positive(PREFIX + "timeout", startup.getTimeout(), EXAMPLES);
	}

	/**
	 * Return the dependencies the wait awaits, failing when there are none: a wait with
	 * nothing to wait for is a mistake (a dependency left out, or declared not critical)
	 * that would otherwise go unnoticed.
	 */
	static <T> List<T> awaited(List<T> awaited) {
		if (awaited.isEmpty()) {
			throw new InvalidPropertyException(PREFIX + "wait",
					"true, but no critical dependency is declared to wait for",
					"Declare a critical dependency under 'probes.dependencies' (critical is the default; 'health'"
							+ " dependencies are not waited for), or remove '" + PREFIX + "wait'.");
		}
		return awaited;
	}

	static Backoff backoff(Startup startup) {
		ProbesProperties.Backoff backoff = startup.getBackoff();
		PropertyRules.positive(PREFIX + "backoff.initial", backoff.getInitial(), EXAMPLES);
		PropertyRules.positive(PREFIX + "backoff.max", backoff.getMax(), EXAMPLES);
		if (backoff.getMax().compareTo(backoff.getInitial()) < 0) {
			throw new InvalidPropertyException(PREFIX + "backoff.max",
					Durations.format(backoff.getMax()) + " is shorter than backoff.initial ("
							+ Durations.format(backoff.getInitial()) + ")",
					"Set '" + PREFIX + "backoff.max' to at least '" + PREFIX + "backoff.initial'.");
		}
		if (backoff.getMultiplier() < 1) {
			throw new InvalidPropertyException(PREFIX + "backoff.multiplier",
					backoff.getMultiplier() + " is less than 1",
					"Set '" + PREFIX + "backoff.multiplier' to 1 (constant delay) or more, such as 2.");
		}
		PropertyRules.fraction(PREFIX + "backoff.jitter", backoff.getJitter(), "a fraction such as 0.2");
		return new Backoff(backoff.getInitial(), backoff.getMax(), backoff.getMultiplier(), backoff.getJitter());
	}

}
