package dev.probes.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.probes.startup.DependencyFailedException;

/**
 * Reports a critical dependency that failed at start-up with an error that waiting will
 * not mend, such as a rejected password, with what its type says to do about it: where
 * its credentials are configured, or the Role that a {@code kubernetes-endpoints}
 * dependency's service account lacks.
 */
class DependencyFailedFailureAnalyzer extends AbstractFailureAnalyzer<DependencyFailedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DependencyFailedException cause) {
		String action = cause.getAction();
		return new FailureAnalysis(
				"Critical dependency '" + cause.getDependency() + "' failed with an error that retrying will not"
						+ " mend:\n\n    " + cause.getError(),
				(action != null) ? action
						: "Fix what the error names, in the dependency or in the application's" + " settings for it.",
				cause);
	}

}
