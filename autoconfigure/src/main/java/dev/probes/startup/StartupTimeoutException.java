package dev.probes.startup;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.probes.check.Durations;

/**
 * Thrown when critical dependencies are still down at the start-up wait's deadline.
 */
public class StartupTimeoutException extends RuntimeException {

	private final Duration timeout;

	private final String origin;

	private final Duration waited;

	private final Map<String, String> lastErrors;

	/**
	 * Create an exception.
	 * @param timeout the deadline that passed, counted from the origin
	 * @param origin what the deadline counts from, such as "the JVM's start"
	 * @param waited how long the wait itself lasted
	 * @param lastErrors each dependency still down, with its last error
	 */
	public StartupTimeoutException(Duration timeout, String origin, Duration waited, Map<String, String> lastErrors) {
		super("Dependencies still down " + Durations.format(timeout) + " after " + origin + ": " + lastErrors);
		this.timeout = timeout;
		this.origin = origin;
		this.waited = waited;
		this.lastErrors = Collections.unmodifiableMap(new LinkedHashMap<>(lastErrors));
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public String getOrigin() {
		return this.origin;
	}

	public Duration getWaited() {
		return this.waited;
	}

	public Map<String, String> getLastErrors() {
		return this.lastErrors;
	}

}
