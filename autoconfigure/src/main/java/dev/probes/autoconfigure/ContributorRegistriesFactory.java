package dev.probes.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.util.ClassUtils;

import dev.probes.health.ContributorRegistries;

/**
 * Collects the application's health registries: the reactive one only where Reactor is on
 * the class path, as Spring Boot itself defines it.
 */
final class ContributorRegistriesFactory {

	private static final String FLUX = "reactor.core.publisher.Flux";

	private ContributorRegistriesFactory() {
	}

	static ContributorRegistries create(HealthContributorRegistry registry,
			ConfigurableListableBeanFactory beanFactory) {
		ContributorRegistries registries = new ContributorRegistries(registry);
		if (ClassUtils.isPresent(FLUX, beanFactory.getBeanClassLoader())) {
			Reactive.addTo(registries, beanFactory);
		}
		return registries;
	}

	/** Loaded only with Reactor present. */
	private static final class Reactive {

		static void addTo(ContributorRegistries registries, ConfigurableListableBeanFactory beanFactory) {
			beanFactory.getBeanProvider(ReactiveHealthContributorRegistry.class).ifAvailable(registries::withReactive);
		}

	}

}
