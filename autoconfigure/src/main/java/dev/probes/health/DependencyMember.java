package dev.probes.health;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.probes.check.Durations;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.web.ProbeMember;

/**
 * A declared dependency as a probe member: its latest background result as Spring Boot
 * health, with its type, criticality, timing and a short error.
 *
 * <p>
 * A dependency with no result yet reports {@code OUT_OF_SERVICE}, as Spring's own
 * readiness indicator does while refusing traffic: {@code UNKNOWN} would rank below
 * {@code UP} in the default status order and let the pod look ready before the first
 * check.
 */
final class DependencyMember implements ProbeMember {

	private final DependencyMonitor monitor;

	DependencyMember(DependencyMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public String name() {
		return this.monitor.name();
	}

	@Override
	public Health health() {
		DependencyState state = this.monitor.state();
		Health.Builder builder = switch (state.status()) {
			case UP -> Health.up();
			case DOWN -> Health.down();
			case UNKNOWN -> Health.status(Status.OUT_OF_SERVICE).withDetail("error", "not checked yet");
		};
		builder.withDetail("type", this.monitor.type());
		builder.withDetail("critical", this.monitor.settings().critical());
		if (state.lastChecked() != null) {
			builder.withDetail("lastChecked", state.lastChecked().toString());
		}
		if (state.latency() != null) {
			builder.withDetail("latency", Durations.format(state.latency()));
		}
		builder.withDetail("consecutiveFailures", state.consecutiveFailures());
		if (state.error() != null) {
			builder.withDetail("error", state.error());
		}
		withCheckDetails(builder, state.details());
		return builder.build();
	}

	@Override
	public @Nullable Instant changesAt() {
		return staleAt(this.monitor);
	}

	/**
	 * Return when an up result of a monitor turns stale.
	 * @param monitor the monitor
	 * @return the instant, or {@code null} when its state is not up
	 */
	static @Nullable Instant staleAt(DependencyMonitor monitor) {
		DependencyState state = monitor.state();
		if (state.lastChecked() == null || state.status() != dev.probes.engine.DependencyStatus.UP) {
			return null;
		}
		return state.lastChecked().plus(monitor.settings().maxStaleness());
	}

	private static void withCheckDetails(Health.Builder builder, Map<String, Object> details) {
		details.forEach(builder::withDetail);
	}

}
