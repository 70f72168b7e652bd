package dev.probes.health;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.ApplicationListener;

import dev.probes.web.ProbeMember;
import dev.probes.web.ProbeVerdicts;

/**
 * Spring's liveness and readiness states as probe members, kept current from
 * {@link AvailabilityChangeEvent}s: each change rebuilds the verdicts at once.
 *
 * <p>
 * The states are taken from the events themselves rather than from
 * {@link ApplicationAvailability}, which hears the same event and may not have stored it
 * yet. Before the first liveness event the process is starting, which is alive; before
 * the first readiness event it refuses traffic, as Spring Boot's own default says.
 */
public final class AvailabilityMembers implements ApplicationListener<AvailabilityChangeEvent<?>> {

	private final ProbeVerdicts verdicts;

	private volatile @Nullable LivenessState liveness;

	private volatile @Nullable ReadinessState readiness;

	public AvailabilityMembers(ProbeVerdicts verdicts, @Nullable ApplicationAvailability availability) {
		this.verdicts = verdicts;
		if (availability != null) {
			this.liveness = availability.getState(LivenessState.class);
			this.readiness = availability.getState(ReadinessState.class);
		}
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		if (event.getState() instanceof LivenessState state) {
			this.liveness = state;
		}
		else if (event.getState() instanceof ReadinessState state) {
			this.readiness = state;
		}
		else {
			return;
		}
		this.verdicts.refresh();
	}

	ProbeMember liveness(String name) {
		return new Member(name,
				() -> (this.liveness != LivenessState.BROKEN) ? Health.up().build() : Health.down().build());
	}

	ProbeMember readiness(String name) {
		return new Member(name, () -> (this.readiness == ReadinessState.ACCEPTING_TRAFFIC) ? Health.up().build()
				: Health.outOfService().build());
	}

	private record Member(String name, Supplier<Health> state) implements ProbeMember {

		@Override
		public Health health() {
			return this.state.get();
		}

	}

}
