package dev.probes.health;

import java.util.List;
import java.util.Set;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Makes the liveness and readiness groups tell the truth about dependencies: critical
 * dependencies join readiness, no dependency is ever a member of liveness, and both groups
 * are served on the application port as {@code /livez} and {@code /readyz}.
 *
 * <p>
 * Runs last, after Spring Boot's own availability-probes post-processor, so that it adjusts
 * the groups Spring Boot and the user configured rather than replacing them. A wildcard
 * {@code include} never brings a dependency into liveness; naming one there explicitly is a
 * configuration error.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
public final class ProbeGroupsPostProcessor implements HealthEndpointGroupsPostProcessor {

	private final Set<String> criticalDependencies;

	private final Set<String> otherDependencies;

	/**
	 * Create a post-processor.
	 * @param criticalDependencies dependencies that join the readiness group
	 * @param otherDependencies non-critical dependencies, which join no probe group
	 * @param livenessIncludes names that the user listed explicitly in the liveness group's
	 * {@code include}
	 * @throws DependencyInLivenessException when a dependency is listed there
	 */
	public ProbeGroupsPostProcessor(Set<String> criticalDependencies, Set<String> otherDependencies,
			List<String> livenessIncludes) {
		this.criticalDependencies = Set.copyOf(criticalDependencies);
		this.otherDependencies = Set.copyOf(otherDependencies);
		List<String> inLiveness = livenessIncludes.stream()
			.filter((name) -> this.criticalDependencies.contains(name) || this.otherDependencies.contains(name))
			.distinct()
			.toList();
		if (!inLiveness.isEmpty()) {
			throw new DependencyInLivenessException(inLiveness);
		}
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		return new ProbeHealthEndpointGroups(groups, this.criticalDependencies, this.otherDependencies);
	}

}
