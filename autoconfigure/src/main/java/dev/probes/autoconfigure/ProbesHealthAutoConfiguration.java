package dev.probes.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.probes.engine.CheckScheduler;
import dev.probes.health.DependencyHealthContributors;
import dev.probes.health.ProbeGroupsPostProcessor;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that reports each dependency as a health
 * contributor, adds the critical ones to the readiness group and serves liveness and
 * readiness as {@code /livez} and {@code /readyz}.
 */
@AutoConfiguration(after = { DependencyChecksAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
		HealthContributorRegistryAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "probes.enabled", matchIfMissing = true)
@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
@ConditionalOnBean(CheckScheduler.class)
public final class ProbesHealthAutoConfiguration {

	private static final String LIVENESS_INCLUDE = "management.endpoint.health.group.liveness.include";

	@Bean
	ProbeGroupsPostProcessor probesGroupsPostProcessor(ProbesProperties properties, Environment environment) {
		Set<String> critical = new LinkedHashSet<>();
		Set<String> other = new LinkedHashSet<>();
		properties.getDependencies().forEach((name, dependency) -> (dependency.isCritical() ? critical : other).add(name));
		List<String> livenessIncludes = Binder.get(environment)
			.bind(LIVENESS_INCLUDE, Bindable.listOf(String.class))
			.orElse(List.of());
		return new ProbeGroupsPostProcessor(critical, other, livenessIncludes);
	}

	@Bean
	@ConditionalOnBean(HealthContributorRegistry.class)
	DependencyHealthRegistration probesDependencyHealthRegistration(CheckScheduler scheduler,
			HealthContributorRegistry registry) {
		return new DependencyHealthRegistration(scheduler, registry);
	}

	// Probes serves these states even where Spring Boot's availability probes are switched off.
	@Bean
	@ConditionalOnMissingBean(name = "livenessStateHealthIndicator")
	@ConditionalOnBean(ApplicationAvailability.class)
	LivenessStateHealthIndicator livenessStateHealthIndicator(ApplicationAvailability availability) {
		return new LivenessStateHealthIndicator(availability);
	}

	@Bean
	@ConditionalOnMissingBean(name = "readinessStateHealthIndicator")
	@ConditionalOnBean(ApplicationAvailability.class)
	ReadinessStateHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability) {
		return new ReadinessStateHealthIndicator(availability);
	}

	/**
	 * Registers the dependencies' contributors when the context creates it, before anything
	 * validates health group membership.
	 */
	static final class DependencyHealthRegistration {

		DependencyHealthRegistration(CheckScheduler scheduler, HealthContributorRegistry registry) {
			DependencyHealthContributors.register(scheduler, registry, (name, message) -> {
				throw new InvalidDependencyException("probes.dependencies." + name,
						"the name is already taken by another health contributor (" + message + ")",
						"Rename the dependency.");
			});
		}

	}

}
