package dev.probes.autoconfigure.check;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.health.ContributorCheck;

/**
 * Creates {@code health} checks, which run an existing Spring Boot health contributor
 * named by {@code contributor} in the background; the contributor is found once the
 * context has created it.
 */
public final class HealthCheckFactory implements DependencyCheckFactory<HealthCheckProperties> {

	@Override
	public String type() {
		return "health";
	}

	@Override
	public Class<HealthCheckProperties> settingsType() {
		return HealthCheckProperties.class;
	}

	@Override
	public DependencyCheck create(DependencyDeclaration<HealthCheckProperties> declaration) {
		String contributor = declaration.require("contributor", declaration.settings().getContributor());
		return new ContributorCheck(contributor.trim());
	}

}
