package dev.probes.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.probes.check.InvalidPropertyException;
import dev.probes.check.Redactor;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.CheckSettings;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.StateListener;
import dev.probes.health.AvailabilityMembers;
import dev.probes.health.ConfiguredMembers;
import dev.probes.health.ContributorCheck;
import dev.probes.health.ContributorRegistries;
import dev.probes.health.DependencyHealthContributors;
import dev.probes.health.ProbeBinding;
import dev.probes.health.ProbeGroupsPostProcessor;
import dev.probes.web.ProbeVerdicts;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that reports each dependency as a
 * health contributor, adds the critical ones to the readiness group and serves liveness
 * and readiness as {@code /livez} and {@code /readyz}.
 */
@AutoConfiguration(after = { DependencyChecksAutoConfiguration.class, ProbesWebAutoConfiguration.class,
		AvailabilityProbesAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "probes.enabled", matchIfMissing = true)
@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
@ConditionalOnBean(CheckScheduler.class)
public final class ProbesHealthAutoConfiguration {

	private static final String GROUP_PREFIX = "management.endpoint.health.group.";

	@Bean
	ProbeGroupsPostProcessor probesGroupsPostProcessor(ProbesProperties properties, Environment environment) {
		Set<String> critical = new LinkedHashSet<>();
		Set<String> other = new LinkedHashSet<>();
		properties.getDependencies()
			.forEach((name, dependency) -> (dependency.isCritical() ? critical : other).add(name));
		properties.getDependencies().keySet().forEach((name) -> rejectGroupName(environment, name));
		Set<String> livenessChecks = properties.getLiveness().isDeadlockDetection()
				? Set.of(DependencyMonitors.DEADLOCK_CHECK) : Set.of();
		return new ProbeGroupsPostProcessor(critical, other, livenessChecks, configuredMembers(environment, "liveness"),
				configuredMembers(environment, "readiness"));
	}

	/**
	 * A dependency named like a configured health group would be hidden by it:
	 * {@code /actuator/health/<name>} answers for the group.
	 */
	private static void rejectGroupName(Environment environment, String name) {
		String group = GROUP_PREFIX + name;
		if (ConfigurationPropertyName.isValid(group) && hasAnyKeyUnder(environment, group)) {
			throw new InvalidPropertyException("probes.dependencies." + name,
					"'" + name + "' is the name of a health group (" + group + ")",
					"Rename the dependency, or the group.");
		}
	}

	private static ConfiguredMembers configuredMembers(Environment environment, String group) {
		String prefix = GROUP_PREFIX + group;
		Binder binder = Binder.get(environment);
		return new ConfiguredMembers(binder.bind(prefix + ".include", Bindable.listOf(String.class)).orElse(List.of()),
				binder.bind(prefix + ".exclude", Bindable.listOf(String.class)).orElse(List.of()),
				hasAnyKeyUnder(environment, prefix));
	}

	private static boolean hasAnyKeyUnder(Environment environment, String prefix) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

	@Bean
	@ConditionalOnBean(HealthContributorRegistry.class)
	DependencyHealthRegistration probesDependencyHealthRegistration(CheckScheduler scheduler, ProbeVerdicts verdicts,
			HealthContributorRegistry registry) {
		return new DependencyHealthRegistration(scheduler, verdicts, registry);
	}

	@Bean
	AvailabilityMembers probesAvailabilityMembers(ProbeVerdicts verdicts,
			ObjectProvider<ApplicationAvailability> availability) {
		return new AvailabilityMembers(verdicts, availability.getIfAvailable());
	}

	@Bean
	ProbeBinding probesBinding(ProbeVerdicts verdicts, CheckScheduler scheduler, AvailabilityMembers availability,
			ObjectProvider<HealthEndpointGroups> groups, ObjectProvider<HealthContributorRegistry> registry,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<StateListener> listeners) {
		HealthContributorRegistry blocking = registry.getIfAvailable();
		ContributorRegistries registries = (blocking != null)
				? ContributorRegistriesFactory.create(blocking, beanFactory) : null;
		return new ProbeBinding(verdicts, scheduler, availability, groups.getIfAvailable(), registries,
				(name, check) -> backgroundMonitor(name, check, listeners.orderedStream().toList()),
				(dependency, contributor) -> {
					String property = "probes.dependencies." + dependency + ".contributor";
					throw new InvalidPropertyException(property, "no health contributor is named '" + contributor + "'",
							"Set '" + property
									+ "' to the name of a health contributor, as listed at /actuator/health.");
				});
	}

	/**
	 * Runs a member of a probe group that Probes does not own in the background, with the
	 * schedule, timeout and thresholds a dependency gets by default; declare it as a
	 * dependency of type {@code health} to tune them.
	 */
	private static DependencyMonitor backgroundMonitor(String name, ContributorCheck check,
			List<StateListener> listeners) {
		CheckSettings settings = DeclaredDependencies.settings(name, new ProbesProperties.Dependency());
		return new DependencyMonitor(name, "health", check, settings, Redactor.none(), Clock.systemUTC(), listeners);
	}

	// Probes serves these states even where Spring Boot's availability probes are
	// switched off.
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
	 * Registers the dependencies' contributors when the context creates it, before
	 * anything validates health group membership.
	 */
	static final class DependencyHealthRegistration {

		DependencyHealthRegistration(CheckScheduler scheduler, ProbeVerdicts verdicts,
				HealthContributorRegistry registry) {
			DependencyHealthContributors.register(scheduler, verdicts, registry, (name, message) -> {
				throw new InvalidPropertyException("probes.dependencies." + name,
						"'" + name + "' is the name of another health contributor", "Rename the dependency.");
			});
		}

	}

}
