package dev.probes.health;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;

/**
 * The reactive health registry, its contributors seen as blocking ones: they run on the
 * engine's background threads, where blocking is what a check does.
 */
final class ReactiveFallback implements ContributorRegistries.Fallback {

	private final ReactiveHealthContributorRegistry registry;

	ReactiveFallback(ReactiveHealthContributorRegistry registry) {
		this.registry = registry;
	}

	@Override
	public List<String> names() {
		return this.registry.stream().map(ReactiveHealthContributors.Entry::name).toList();
	}

	@Override
	public @Nullable HealthContributor get(String name) {
		ReactiveHealthContributor contributor = this.registry.getContributor(name);
		return (contributor != null) ? contributor.asHealthContributor() : null;
	}

	@Override
	public void unregister(String name) {
		this.registry.unregisterContributor(name);
	}

}
