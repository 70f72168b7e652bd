package dev.probes.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.probes.check.Durations;
import dev.probes.startup.StartupTimeoutException;

/**
 * Reports the critical dependencies still down at the start-up wait's deadline, each with
 * its last error.
 */
class StartupTimeoutFailureAnalyzer extends AbstractFailureAnalyzer<StartupTimeoutException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartupTimeoutException cause) {
		String down = cause.getLastErrors()
			.entrySet()
			.stream()
			.map((entry) -> "    " + entry.getKey() + ": " + entry.getValue())
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis(
				"Critical dependencies were still down " + Durations.format(cause.getTimeout()) + " after "
						+ cause.getOrigin() + " (probes.startup.timeout; the wait itself took "
						+ Durations.format(cause.getWaited()) + "):\n\n" + down,
				"Check that these dependencies run and are reachable from here. If they only need longer to"
						+ " start, raise 'probes.startup.timeout' (and the startupProbe's failureThreshold with it).",
				cause);
	}

}
