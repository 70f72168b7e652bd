package dev.probes.engine;

import java.time.Instant;

/**
 * Applies failure and success thresholds: the status flips only after enough consecutive
 * outcomes of the other kind, so a single blip neither fails readiness nor ends an
 * outage.
 */
final class Thresholds {

	private final int failureThreshold;

	private final int successThreshold;

	Thresholds(int failureThreshold, int successThreshold) {
		this.failureThreshold = failureThreshold;
		this.successThreshold = successThreshold;
	}

	DependencyState apply(DependencyState current, AttemptOutcome outcome) {
		int failures = outcome.success() ? 0 : current.consecutiveFailures() + 1;
		int successes = outcome.success() ? current.consecutiveSuccesses() + 1 : 0;
		DependencyStatus status = nextStatus(current.status(), failures, successes);
		Instant since = (status != current.status()) ? outcome.finishedAt() : current.since();
		return new DependencyState(status, outcome.finishedAt(), outcome.latency(), failures, successes,
				outcome.error(), outcome.permanent(), outcome.details(), outcome.timedOut(), since);
	}

	private DependencyStatus nextStatus(DependencyStatus current, int failures, int successes) {
		// The first result decides at once: there is no earlier state to protect.
		return switch (current) {
			case UNKNOWN -> (successes > 0) ? DependencyStatus.UP : DependencyStatus.DOWN;
			case UP -> (failures >= this.failureThreshold) ? DependencyStatus.DOWN : DependencyStatus.UP;
			case DOWN -> (successes >= this.successThreshold) ? DependencyStatus.UP : DependencyStatus.DOWN;
		};
	}

}
