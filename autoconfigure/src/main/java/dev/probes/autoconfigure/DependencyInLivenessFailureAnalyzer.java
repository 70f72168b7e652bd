package dev.probes.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.probes.health.DependencyInLivenessException;

/**
 * Explains why a dependency must not be a member of the liveness group and how to take it
 * out.
 */
class DependencyInLivenessFailureAnalyzer extends AbstractFailureAnalyzer<DependencyInLivenessException> {

	private static final String LIVENESS_INCLUDE = "management.endpoint.health.group.liveness.include";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DependencyInLivenessException cause) {
		String names = cause.getDependencies()
			.stream()
			.map((name) -> "'" + name + "'")
			.collect(Collectors.joining(", "));
		return new FailureAnalysis("'" + LIVENESS_INCLUDE + "' names the declared dependencies " + names
				+ ". Liveness must answer for the process alone: a dependency outage would make Kubernetes restart"
				+ " every pod, which does not bring the dependency back.",
				"Remove " + names + " from '" + LIVENESS_INCLUDE + "'. Critical"
						+ " dependencies already join the readiness group.",
				cause);
	}

}
