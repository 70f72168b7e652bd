package dev.probes.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.probes.check.Durations;

/**
 * Immutable snapshot of what is known about one dependency; probes read it without I/O.
 *
 * @param status what the engine believes after thresholds
 * @param lastChecked when the latest attempt completed, {@code null} before the first
 * @param latency how long the latest attempt took
 * @param consecutiveFailures failed attempts in a row, 0 after a success
 * @param consecutiveSuccesses successful attempts in a row, 0 after a failure
 * @param error short reason of the latest failure, {@code null} after a success
 * @param permanent whether the latest failure will not go away by retrying, such as a
 * wrong password or a missing database
 * @param details facts reported by the latest attempt
 * @param timedOut whether the latest attempt was abandoned past its timeout
 * @param since when the status took its current value, {@code null} before the first
 * attempt
 */
public record DependencyState(DependencyStatus status, @Nullable Instant lastChecked, @Nullable Duration latency,
		int consecutiveFailures, int consecutiveSuccesses, @Nullable String error, boolean permanent,
		Map<String, Object> details, boolean timedOut, @Nullable Instant since) {

	public DependencyState {
		details = Map.copyOf(details);
	}

	/** The state of a dependency that has not been checked yet. */
	public static DependencyState unknown() {
		return new DependencyState(DependencyStatus.UNKNOWN, null, null, 0, 0, null, false, Map.of(), false, null);
	}

	/**
	 * Return this state as seen at {@code now}: an UP result older than
	 * {@code maxStaleness} means the background checker has stalled, so it no longer
	 * counts as UP.
	 * @param now the current time
	 * @param maxStaleness the age past which an UP result is stale
	 * @return this state, or a DOWN copy when stale
	 */
	public DependencyState asSeenAt(Instant now, Duration maxStaleness) {
		if (this.status != DependencyStatus.UP || this.lastChecked == null) {
			return this;
		}
		Duration age = Duration.between(this.lastChecked, now);
		if (age.compareTo(maxStaleness) <= 0) {
			return this;
		}
		String error = "stale: last checked " + Durations.format(age) + " ago";
		return new DependencyState(DependencyStatus.DOWN, this.lastChecked, this.latency, this.consecutiveFailures,
				this.consecutiveSuccesses, error, false, this.details, this.timedOut, this.since);
	}

}
