package dev.probes.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.probes.health.DependencyInLivenessException;

/**
 * Explains why a dependency must not be a member of the liveness group and how to take it
 * out.
 */
class DependencyInLivenessFailureAnalyzer extends AbstractFailureAnalyzer<DependencyInLivenessException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DependencyInLivenessException cause) {
		String names = String.join(", ", cause.getDependencies());
		return new FailureAnalysis("The liveness health group includes the declared dependencies " + names
				+ ". Liveness must answer for the process alone: a dependency outage would make Kubernetes restart"
				+ " every pod, which does not bring the dependency back.",
				"Remove " + names + " from 'management.endpoint.health.group.liveness.include' (or stop including"
						+ " '*' there). Critical dependencies already join the readiness group.",
				cause);
	}

}
