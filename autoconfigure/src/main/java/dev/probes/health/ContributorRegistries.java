package dev.probes.health;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * The application's health registries seen as one: the blocking registry and, on reactive
 * class paths, the reactive one that Actuator falls back to.
 */
public final class ContributorRegistries {

	private final HealthContributorRegistry blocking;

	private final List<Fallback> fallbacks = new ArrayList<>();

	public ContributorRegistries(HealthContributorRegistry blocking) {
		this.blocking = blocking;
	}

	/**
	 * Also look in a reactive registry.
	 * @param reactive the registry, a {@code ReactiveHealthContributorRegistry}
	 * @return this
	 */
	public ContributorRegistries withReactive(Object reactive) {
		this.fallbacks.add(new ReactiveFallback((ReactiveHealthContributorRegistry) reactive));
		return this;
	}

	List<String> names() {
		Set<String> names = new LinkedHashSet<>(ProbeBinding.names(this.blocking));
		this.fallbacks.forEach((fallback) -> names.addAll(fallback.names()));
		return List.copyOf(names);
	}

	@Nullable HealthContributor get(String name) {
		HealthContributor contributor = this.blocking.getContributor(name);
		for (int i = 0; contributor == null && i < this.fallbacks.size(); i++) {
			contributor = this.fallbacks.get(i).get(name);
		}
		return contributor;
	}

	/**
	 * Put a contributor in place of the one registered under a name, in the blocking
	 * registry, where both of Actuator's endpoints find it.
	 * @param name the name
	 * @param contributor the contributor that answers from now on
	 */
	void replace(String name, HealthContributor contributor) {
		if (this.blocking.unregisterContributor(name) == null) {
			this.fallbacks.forEach((fallback) -> fallback.unregister(name));
		}
		this.blocking.registerContributor(name, contributor);
	}

	/**
	 * A registry to look in when the blocking one has no contributor of a name.
	 */
	interface Fallback {

		List<String> names();

		@Nullable HealthContributor get(String name);

		void unregister(String name);

	}

}
