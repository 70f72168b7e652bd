package dev.probes.health;

import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.Durations;

/**
 * Health of one declared dependency, read from its latest background result: no I/O
 * happens on the request thread.
 *
 * <p>
 * A dependency with no result yet reports {@code OUT_OF_SERVICE}, as Spring's own
 * readiness indicator does while refusing traffic: {@code UNKNOWN} would rank below
 * {@code UP} in the default status order and let the pod look ready before the first check.
 */
public final class DependencyHealthIndicator implements HealthIndicator {

	private final DependencyMonitor monitor;

	public DependencyHealthIndicator(DependencyMonitor monitor) {
		this.monitor = monitor;
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

	private static void withCheckDetails(Health.Builder builder, Map<String, Object> details) {
		details.forEach(builder::withDetail);
	}

}
