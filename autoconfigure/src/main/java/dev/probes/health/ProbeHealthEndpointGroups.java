package dev.probes.health;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/**
 * The application's health groups with {@code liveness} and {@code readiness} replaced by
 * {@link ProbeGroup probe groups}.
 *
 * <p>
 * Also an {@link AdditionalPathsMapper}, as Spring Boot's own probe groups are, so that
 * tools matching additional paths (Spring Security's {@code EndpointRequest}) see
 * {@code /livez} and {@code /readyz}.
 */
final class ProbeHealthEndpointGroups implements HealthEndpointGroups, AdditionalPathsMapper {

	static final String LIVENESS = "liveness";

	static final String READINESS = "readiness";

	private final HealthEndpointGroups groups;

	private final ProbeGroup liveness;

	private final ProbeGroup readiness;

	private final Set<String> names;

	/**
	 * Create the groups.
	 * @param groups the groups configured so far
	 * @param criticalDependencies dependencies that join readiness
	 * @param otherDependencies dependencies that join no probe group
	 * @param livenessChecks checks of the process itself, which join liveness only
	 * @param liveness the members the user named for liveness
	 * @param readiness the members the user named for readiness
	 */
	ProbeHealthEndpointGroups(HealthEndpointGroups groups, Set<String> criticalDependencies,
			Set<String> otherDependencies, Set<String> livenessChecks, ConfiguredMembers liveness,
			ConfiguredMembers readiness) {
		this.groups = groups;
		Set<String> allDependencies = new LinkedHashSet<>(criticalDependencies);
		allDependencies.addAll(otherDependencies);
		Set<String> notReadiness = new LinkedHashSet<>(otherDependencies);
		notReadiness.addAll(livenessChecks);
		this.liveness = probeGroup(LIVENESS, "/livez", Set.of("livenessState"), livenessChecks, allDependencies,
				liveness);
		this.readiness = probeGroup(READINESS, "/readyz", Set.of("readinessState"), criticalDependencies, notReadiness,
				readiness);
		Set<String> names = new LinkedHashSet<>(groups.getNames());
		names.add(LIVENESS);
		names.add(READINESS);
		this.names = Set.copyOf(names);
	}

	private ProbeGroup probeGroup(String name, String path, Set<String> defaultMembers, Set<String> extraMembers,
			Set<String> excludedMembers, ConfiguredMembers named) {
		HealthEndpointGroup configured = this.groups.get(name);
		AdditionalHealthEndpointPath additionalPath = (configured != null && configured.getAdditionalPath() != null)
				? configured.getAdditionalPath() : AdditionalHealthEndpointPath.of(WebServerNamespace.SERVER, path);
		if (configured != null && named.hasInclude()) {
			return ProbeGroup.extending(configured, extraMembers, excludedMembers, additionalPath);
		}
		// No include named: the default members, whatever else the group's keys set.
		Set<String> members = new LinkedHashSet<>(defaultMembers);
		members.addAll(extraMembers);
		members.removeAll(named.exclude());
		// Settings (show-details, status order, HTTP mapping) of the group the user
		// configured,
		// else of the health endpoint: Boot's unconfigured probe groups never show
		// details.
		HealthEndpointGroup settings = (configured != null && named.configured()) ? configured
				: this.groups.getPrimary();
		return ProbeGroup.of(settings, members, additionalPath);
	}

	@Override
	public HealthEndpointGroup getPrimary() {
		return this.groups.getPrimary();
	}

	@Override
	public Set<String> getNames() {
		return this.names;
	}

	@Override
	public @Nullable HealthEndpointGroup get(String name) {
		return switch (name) {
			case LIVENESS -> this.liveness;
			case READINESS -> this.readiness;
			default -> this.groups.get(name);
		};
	}

	@Override
	public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
		if (!HealthEndpoint.ID.equals(endpointId)) {
			return null;
		}
		Set<String> paths = new LinkedHashSet<>();
		if (this.groups instanceof AdditionalPathsMapper mapper) {
			List<String> mapped = mapper.getAdditionalPaths(endpointId, webServerNamespace);
			if (mapped != null) {
				paths.addAll(mapped);
			}
		}
		for (ProbeGroup group : List.of(this.liveness, this.readiness)) {
			AdditionalHealthEndpointPath path = group.getAdditionalPath();
			if (path != null && path.hasNamespace(webServerNamespace)) {
				paths.add(path.getValue());
			}
		}
		return List.copyOf(paths);
	}

}
