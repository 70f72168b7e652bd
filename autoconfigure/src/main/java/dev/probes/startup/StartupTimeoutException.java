package dev.probes.startup;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.probes.engine.Durations;

/**
 * Thrown when critical dependencies are still down at the start-up wait's deadline.
 */
public class StartupTimeoutException extends RuntimeException {

	private final Duration timeout;

	private final Map<String, String> lastErrors;

	/**
	 * Create an exception.
	 * @param timeout the deadline that passed
	 * @param lastErrors each dependency still down, with its last error
	 */
	public StartupTimeoutException(Duration timeout, Map<String, String> lastErrors) {
		super("Dependencies still down after " + Durations.format(timeout) + ": " + lastErrors);
		this.timeout = timeout;
		this.lastErrors = Collections.unmodifiableMap(new LinkedHashMap<>(lastErrors));
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public Map<String, String> getLastErrors() {
		return this.lastErrors;
	}

}
