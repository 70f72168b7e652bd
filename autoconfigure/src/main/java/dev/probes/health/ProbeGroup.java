package dev.probes.health;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * A liveness or readiness group as configured by Spring Boot (members, show-details,
 * status order, HTTP mapping), with dependencies added or taken out, served on an
 * additional path.
 */
final class ProbeGroup implements HealthEndpointGroup {

	private final HealthEndpointGroup delegate;

	private final Set<String> extraMembers;

	private final Set<String> excludedMembers;

	private final boolean inheritMembers;

	private final @Nullable AdditionalHealthEndpointPath additionalPath;

	private ProbeGroup(HealthEndpointGroup delegate, boolean inheritMembers, Set<String> extraMembers,
			Set<String> excludedMembers, @Nullable AdditionalHealthEndpointPath additionalPath) {
		this.delegate = delegate;
		this.inheritMembers = inheritMembers;
		this.extraMembers = Set.copyOf(extraMembers);
		this.excludedMembers = Set.copyOf(excludedMembers);
		this.additionalPath = additionalPath;
	}

	/**
	 * Adjust a configured group: its members plus {@code extraMembers}, less
	 * {@code excludedMembers} (which a wildcard {@code include} would otherwise bring
	 * in).
	 */
	static ProbeGroup extending(HealthEndpointGroup group, Set<String> extraMembers, Set<String> excludedMembers,
			@Nullable AdditionalHealthEndpointPath additionalPath) {
		return new ProbeGroup(group, true, extraMembers, excludedMembers, additionalPath);
	}

	/**
	 * Create a group that Spring Boot did not define (its probes switched off): exactly
	 * {@code members}, with the settings of the primary group.
	 */
	static ProbeGroup of(HealthEndpointGroup primary, Set<String> members,
			@Nullable AdditionalHealthEndpointPath additionalPath) {
		return new ProbeGroup(primary, false, members, Set.of(), additionalPath);
	}

	@Override
	public boolean isMember(String name) {
		if (this.excludedMembers.contains(name)) {
			return false;
		}
		return this.extraMembers.contains(name) || (this.inheritMembers && this.delegate.isMember(name));
	}

	@Override
	public boolean showComponents(SecurityContext securityContext) {
		return this.delegate.showComponents(securityContext);
	}

	@Override
	public boolean showDetails(SecurityContext securityContext) {
		return this.delegate.showDetails(securityContext);
	}

	@Override
	public StatusAggregator getStatusAggregator() {
		return this.delegate.getStatusAggregator();
	}

	@Override
	public HttpCodeStatusMapper getHttpCodeStatusMapper() {
		return this.delegate.getHttpCodeStatusMapper();
	}

	@Override
	public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
		return this.additionalPath;
	}

}
