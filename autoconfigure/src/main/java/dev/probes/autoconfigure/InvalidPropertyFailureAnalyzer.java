package dev.probes.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.probes.check.InvalidPropertyException;

/**
 * Reports a misconfigured {@code probes.*} property as the property, the problem and the
 * fix instead of a stack trace.
 */
class InvalidPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				cause.getAction() + " Review the value of '" + cause.getProperty() + "'.", cause);
	}

}
