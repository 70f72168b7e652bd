package dev.probes.health;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.web.ProbeMember;

/**
 * A health contributor run in the background as a probe member: the health it returned at
 * its latest attempt, as the engine's thresholds and timeout judge it.
 */
final class ContributorMember implements ProbeMember {

	private final String name;

	private final DependencyMonitor monitor;

	private final ContributorCheck check;

	ContributorMember(String name, DependencyMonitor monitor, ContributorCheck check) {
		this.name = name;
		this.monitor = monitor;
		this.check = check;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public Health health() {
		DependencyState state = this.monitor.state();
		return switch (state.status()) {
			case UNKNOWN -> Health.status(Status.OUT_OF_SERVICE).withDetail("error", "not checked yet").build();
			case UP -> {
				Health up = this.check.latestUp();
				yield (up != null) ? up : Health.up().build();
			}
			case DOWN -> {
				Health latest = this.check.latest();
				// A contributor that answered DOWN shows its own details; a timeout or an
				// exception, or an up result gone stale, shows the engine's reason.
				yield (latest != null && !ContributorCheck.isUp(latest.getStatus())) ? latest
						: Health.down().withDetail("error", String.valueOf(state.error())).build();
			}
		};
	}

	@Override
	public @Nullable Instant changesAt() {
		return DependencyMember.staleAt(this.monitor);
	}

}
