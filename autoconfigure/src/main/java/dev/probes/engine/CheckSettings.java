package dev.probes.engine;

import java.time.Duration;

/**
 * How one dependency is checked: its schedule, its timeout and its thresholds.
 *
 * @param critical whether the dependency fails readiness and is waited for at start-up
 * @param interval time between attempts while the dependency is up
 * @param intervalWhenDown time between attempts while it is down or unknown
 * @param timeout limit for one attempt; an attempt past it counts as a failure
 * @param failureThreshold consecutive failures before an up dependency is reported down
 * @param successThreshold consecutive successes before a down dependency is reported up
 * @param maxStaleness age past which an up result no longer counts
 */
public record CheckSettings(boolean critical, Duration interval, Duration intervalWhenDown, Duration timeout,
		int failureThreshold, int successThreshold, Duration maxStaleness) {

	public CheckSettings {
		requirePositive(interval, "interval");
		requirePositive(intervalWhenDown, "intervalWhenDown");
		requirePositive(timeout, "timeout");
		requirePositive(maxStaleness, "maxStaleness");
		if (failureThreshold < 1 || successThreshold < 1) {
			throw new IllegalArgumentException("Thresholds must be at least 1");
		}
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
