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
 * @param jitter fraction by which each delay between attempts is shortened at random,
 * from 0 (a fixed schedule) to 1
 */
public record CheckSettings(boolean critical, Duration interval, Duration intervalWhenDown, Duration timeout,
		int failureThreshold, int successThreshold, Duration maxStaleness, double jitter) {

	public CheckSettings {
		requirePositive(interval, "interval");
		requirePositive(intervalWhenDown, "intervalWhenDown");
		requirePositive(timeout, "timeout");
		requirePositive(maxStaleness, "maxStaleness");
		if (failureThreshold < 1 || successThreshold < 1) {
			throw new IllegalArgumentException("Thresholds must be at least 1");
		}
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("Jitter must be between 0 and 1");
		}
	}

	/**
	 * Create settings with a fixed schedule, without jitter.
	 * @param critical whether the dependency fails readiness and is waited for at
	 * start-up
	 * @param interval time between attempts while the dependency is up
	 * @param intervalWhenDown time between attempts while it is down or unknown
	 * @param timeout limit for one attempt
	 * @param failureThreshold consecutive failures before an up dependency is reported
	 * down
	 * @param successThreshold consecutive successes before a down dependency is reported
	 * up
	 * @param maxStaleness age past which an up result no longer counts
	 */
	public CheckSettings(boolean critical, Duration interval, Duration intervalWhenDown, Duration timeout,
			int failureThreshold, int successThreshold, Duration maxStaleness) {
		this(critical, interval, intervalWhenDown, timeout, failureThreshold, successThreshold, maxStaleness, 0);
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

}
