package dev.probes.check;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Outcome of one check attempt that completed without an exception.
 *
 * @param up whether the dependency answered as expected
 * @param error short reason when it did not, such as {@code HTTP 503}; never a credential
 * @param permanent whether the failure will not go away by retrying (a rejected
 * credential), which ends a start-up wait at once
 * @param details facts worth showing, such as the number of resolved addresses
 */
public record CheckResult(boolean up, @Nullable String error, boolean permanent, Map<String, Object> details) {

	public CheckResult {
		details = Map.copyOf(details);
	}

	public static CheckResult success() {
		return new CheckResult(true, null, false, Map.of());
	}

	public static CheckResult success(Map<String, Object> details) {
		return new CheckResult(true, null, false, details);
	}

	public static CheckResult failure(String error) {
		return new CheckResult(false, error, false, Map.of());
	}

	/**
	 * A failure that retrying will not mend, such as a rejected credential.
	 * @param error short reason
	 * @param details facts worth showing
	 * @return the result
	 */
	public static CheckResult permanentFailure(String error, Map<String, Object> details) {
		return new CheckResult(false, error, true, details);
	}

	public static CheckResult failure(String error, Map<String, Object> details) {
		return new CheckResult(false, error, false, details);
	}

}
