package dev.probes.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.probes.startup.DependencyFailedException;

/**
 * Reports a critical dependency that failed at start-up with an error that waiting will
 * not mend, such as a rejected password.
 */
class DependencyFailedFailureAnalyzer extends AbstractFailureAnalyzer<DependencyFailedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DependencyFailedException cause) {
		return new FailureAnalysis(
				"Critical dependency '" + cause.getDependency() + "' failed with an error that retrying will not"
						+ " mend:\n\n    " + cause.getError(),
				"Fix the credentials or the database name that the application uses for '" + cause.getDependency()
						+ "' (for the application's DataSource: 'spring.datasource.*').",
				cause);
	}

}
