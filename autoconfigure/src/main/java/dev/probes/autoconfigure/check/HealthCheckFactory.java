package dev.probes.autoconfigure.check;

import java.util.Set;

import dev.probes.autoconfigure.DependencyCheckFactory;
import dev.probes.autoconfigure.DependencyDeclaration;
import dev.probes.check.DependencyCheck;
import dev.probes.health.ContributorCheck;

/**
 * Creates {@code health} checks, which run an existing Spring Boot health contributor named by
 * {@code contributor} in the background; the contributor is found once the context has
 * created it.
 */
public final class HealthCheckFactory implements DependencyCheckFactory {

	@Override
	public String type() {
		return "health";
	}

	@Override
	public Set<String> keys() {
		return Set.of("contributor");
	}

	@Override
	public DependencyCheck create(DependencyDeclaration declaration) {
		String contributor = declaration.require("contributor", declaration.properties().getContributor());
		return new ContributorCheck(contributor.trim());
	}

}
