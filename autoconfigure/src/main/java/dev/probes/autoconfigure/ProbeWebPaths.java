package dev.probes.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

import dev.probes.web.Probe;
import dev.probes.web.ProbePaths;

/**
 * The probe paths of one web server: the additional paths of the {@code liveness} and
 * {@code readiness} groups that belong to its namespace ({@code server:/livez} on the
 * application port by default).
 */
final class ProbeWebPaths {

	private ProbeWebPaths() {
	}

	/**
	 * Return the paths of a server.
	 * @param groups the health groups, {@code null} without a health endpoint
	 * @param namespace the server's namespace
	 * @param withManagement whether the server also answers the management namespace (the
	 * management port is the application port)
	 * @return the paths
	 */
	static ProbePaths of(@Nullable HealthEndpointGroups groups, WebServerNamespace namespace, boolean withManagement) {
		if (groups == null) {
			return WebServerNamespace.SERVER.equals(namespace) ? ProbePaths.defaults() : ProbePaths.builder().build();
		}
		ProbePaths.Builder paths = ProbePaths.builder();
		for (Probe probe : Probe.values()) {
			HealthEndpointGroup group = groups.get(probe.groupName());
			AdditionalHealthEndpointPath path = (group != null) ? group.getAdditionalPath() : null;
			if (path != null && (path.hasNamespace(namespace)
					|| (withManagement && path.hasNamespace(WebServerNamespace.MANAGEMENT)))) {
				paths.add(probe, path.getValue());
			}
		}
		return paths.build();
	}

}
