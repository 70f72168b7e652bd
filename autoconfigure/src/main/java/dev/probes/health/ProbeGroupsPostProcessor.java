package dev.probes.health;

import java.util.List;
import java.util.Set;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Makes the liveness and readiness groups tell the truth about dependencies: critical
 * dependencies join readiness, no dependency is ever a member of liveness, and both
 * groups are served on the application port as {@code /livez} and {@code /readyz}.
 *
 * <p>
 * Runs last, after Spring Boot's own availability-probes post-processor, so that it
 * adjusts the groups Spring Boot and the user configured rather than replacing them. A
 * group's members change only with an explicit {@code include}: its other settings
 * ({@code show-details}, ...) never widen it. A wildcard {@code include} never brings a
 * dependency into liveness; naming one there explicitly is a configuration error.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
public final class ProbeGroupsPostProcessor implements HealthEndpointGroupsPostProcessor {

	private final Set<String> criticalDependencies;

	private final Set<String> otherDependencies;

	private final Set<String> livenessChecks;

	private final ConfiguredMembers liveness;

	private final ConfiguredMembers readiness;

	/**
	 * Create a post-processor.
	 * @param criticalDependencies dependencies that join the readiness group
	 * @param otherDependencies non-critical dependencies, which join no probe group
	 * @param livenessChecks checks of the process itself, which join liveness only
	 * @param liveness the members the user named for the liveness group
	 * @param readiness the members the user named for the readiness group
	 * @throws DependencyInLivenessException when a dependency is included in liveness
	 */
	public ProbeGroupsPostProcessor(Set<String> criticalDependencies, Set<String> otherDependencies,
			Set<String> livenessChecks, ConfiguredMembers liveness, ConfiguredMembers readiness) {
		this.criticalDependencies = Set.copyOf(criticalDependencies);
		this.otherDependencies = Set.copyOf(otherDependencies);
		this.livenessChecks = Set.copyOf(livenessChecks);
		this.liveness = liveness;
		this.readiness = readiness;
		List<String> inLiveness = liveness.include()
			.stream()
			.filter((name) -> this.criticalDependencies.contains(name) || this.otherDependencies.contains(name))
			.distinct()
			.toList();
		if (!inLiveness.isEmpty()) {
			throw new DependencyInLivenessException(inLiveness);
		}
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		return new ProbeHealthEndpointGroups(groups, this.criticalDependencies, this.otherDependencies,
				this.livenessChecks, this.liveness, this.readiness);
	}

}
