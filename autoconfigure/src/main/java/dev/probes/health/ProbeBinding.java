package dev.probes.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.application.LivenessStateHealthIndicator;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.PingHealthIndicator;

import dev.probes.check.DeadlockCheck;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.DependencyMonitor;
import dev.probes.web.Probe;
import dev.probes.web.ProbeDefinition;
import dev.probes.web.ProbeMember;
import dev.probes.web.ProbeVerdicts;

/**
 * Binds the probes to their members once every bean exists: the members of Actuator's
 * {@code liveness} and {@code readiness} groups become probe members, and from then on
 * both the probes and Actuator's endpoint read them from the same verdicts.
 *
 * <p>
 * A contributor that Probes does not own (Boot's {@code db}, a user's
 * {@code HealthIndicator}), whether a member of a probe group or only of
 * {@code /actuator/health}, is run in the background like a declared dependency of type
 * {@code health}, and replaced in the health registry by its latest background result, so
 * that no health endpoint calls it on a request thread. Spring's availability states and
 * {@code ping} are read from memory.
 */
public final class ProbeBinding implements SmartInitializingSingleton {

	private static final String LIVENESS_STATE = "livenessState";

	private static final String READINESS_STATE = "readinessState";

	private final ProbeVerdicts verdicts;

	private final CheckScheduler scheduler;

	private final AvailabilityMembers availability;

	private final @Nullable HealthEndpointGroups groups;

	private final @Nullable ContributorRegistries registries;

	private final BiFunction<String, ContributorCheck, DependencyMonitor> backgroundMonitors;

	private final BiConsumer<String, String> onUnknownContributor;

	private final Map<String, ProbeMember> members = new LinkedHashMap<>();

	/**
	 * Create a binding.
	 * @param verdicts the verdicts to bind
	 * @param scheduler the engine, which runs the foreign members too
	 * @param availability Spring's availability states
	 * @param groups Actuator's health groups, {@code null} without a health endpoint
	 * @param registries the health registries, {@code null} without any
	 * @param backgroundMonitors creates the monitor that runs a foreign member in the
	 * background, from its name and check
	 * @param onUnknownContributor called with a {@code health} dependency's name and the
	 * contributor it names when no contributor has that name; expected to throw
	 */
	public ProbeBinding(ProbeVerdicts verdicts, CheckScheduler scheduler, AvailabilityMembers availability,
			@Nullable HealthEndpointGroups groups, @Nullable ContributorRegistries registries,
			BiFunction<String, ContributorCheck, DependencyMonitor> backgroundMonitors,
			BiConsumer<String, String> onUnknownContributor) {
		this.verdicts = verdicts;
		this.scheduler = scheduler;
		this.availability = availability;
		this.groups = groups;
		this.registries = registries;
		this.backgroundMonitors = backgroundMonitors;
		this.onUnknownContributor = onUnknownContributor;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, DependencyMonitor> declaredContributors = bindDeclaredContributors();
		Map<String, ProbeMember> owned = new LinkedHashMap<>();
		for (DependencyMonitor monitor : this.scheduler.monitors()) {
			owned.put(monitor.name(), (monitor.check() instanceof ContributorCheck check)
					? new ContributorMember(monitor.name(), monitor, check) : new DependencyMember(monitor));
		}
		this.members.putAll(owned);
		List<String> names = names(owned);
		ProbeDefinition liveness = definition(Probe.LIVENESS, names, owned, declaredContributors);
		ProbeDefinition readiness = definition(Probe.READINESS, names, owned, declaredContributors);
		// Every other contributor too, so that no health endpoint, /actuator/health
		// included,
		// calls one on a request thread.
		names.forEach((name) -> member(name, owned, declaredContributors));
		Set<String> inProbes = new LinkedHashSet<>();
		liveness.members().forEach((member) -> inProbes.add(member.name()));
		readiness.members().forEach((member) -> inProbes.add(member.name()));
		List<ProbeMember> others = this.members.values()
			.stream()
			.filter((member) -> !inProbes.contains(member.name()))
			.toList();
		this.verdicts.bind(liveness, readiness, others);
	}

	private Map<String, DependencyMonitor> bindDeclaredContributors() {
		Map<String, DependencyMonitor> bound = new LinkedHashMap<>();
		for (DependencyMonitor monitor : this.scheduler.monitors()) {
			if (monitor.check() instanceof ContributorCheck check && !check.isBound()) {
				HealthContributor contributor = contributor(check.contributorName());
				if (contributor == null || contributor instanceof SnapshotHealthIndicator) {
					this.onUnknownContributor.accept(monitor.name(), check.contributorName());
					continue;
				}
				check.bind(contributor);
				// Its attempts so far failed for want of the contributor: try again at
				// once.
				monitor.checkNow();
				bound.putIfAbsent(check.contributorName(), monitor);
			}
		}
		return bound;
	}

	private ProbeDefinition definition(Probe probe, List<String> names, Map<String, ProbeMember> owned,
			Map<String, DependencyMonitor> declaredContributors) {
		HealthEndpointGroup group = (this.groups != null) ? this.groups.get(probe.groupName()) : null;
		List<ProbeMember> probeMembers = new ArrayList<>();
		for (String name : names) {
			boolean member = (group != null) ? group.isMember(name) : isDefaultMember(probe, name, owned);
			if (member) {
				probeMembers.add(member(name, owned, declaredContributors));
			}
		}
		if (group == null) {
			return new ProbeDefinition(probe, probeMembers, StatusAggregator.getDefault(),
					new SimpleHttpCodeStatusMapper(), false, false);
		}
		return new ProbeDefinition(probe, probeMembers, group.getStatusAggregator(), group.getHttpCodeStatusMapper(),
				group.showComponents(SecurityContext.NONE), group.showDetails(SecurityContext.NONE));
	}

	private List<String> names(Map<String, ProbeMember> owned) {
		if (this.registries != null) {
			return this.registries.names();
		}
		List<String> names = new ArrayList<>(List.of(LIVENESS_STATE, READINESS_STATE));
		names.addAll(owned.keySet());
		return names;
	}

	private @Nullable HealthContributor contributor(String name) {
		return (this.registries != null) ? this.registries.get(name) : null;
	}

	private boolean isDefaultMember(Probe probe, String name, Map<String, ProbeMember> owned) {
		if (probe == Probe.LIVENESS) {
			return name.equals(LIVENESS_STATE) || this.scheduler.monitor(name)
				.filter((monitor) -> monitor.check() instanceof DeadlockCheck)
				.isPresent();
		}
		if (name.equals(READINESS_STATE)) {
			return true;
		}
		return this.scheduler.monitor(name).filter((monitor) -> monitor.settings().critical()).isPresent()
				&& owned.containsKey(name);
	}

	private ProbeMember member(String name, Map<String, ProbeMember> owned,
			Map<String, DependencyMonitor> declaredContributors) {
		ProbeMember existing = this.members.get(name);
		if (existing != null) {
			return existing;
		}
		HealthContributor contributor = contributor(name);
		ProbeMember member;
		if (contributor instanceof LivenessStateHealthIndicator
				|| (contributor == null && name.equals(LIVENESS_STATE))) {
			member = this.availability.liveness(name);
		}
		else if (contributor instanceof ReadinessStateHealthIndicator
				|| (contributor == null && name.equals(READINESS_STATE))) {
			member = this.availability.readiness(name);
		}
		else if (contributor instanceof PingHealthIndicator ping) {
			member = new ConstantMember(name, ping.health());
		}
		else if (contributor == null || contributor instanceof SnapshotHealthIndicator) {
			// Not expected: a member is a contributor. Fail the member rather than the
			// start.
			member = new ConstantMember(name, Health.unknown().build());
		}
		else {
			member = backgroundMember(name, contributor, declaredContributors.get(name));
		}
		this.members.put(name, member);
		if (this.registries != null) {
			this.registries.replace(name, new SnapshotHealthIndicator(this.verdicts, member));
		}
		return member;
	}

	private ProbeMember backgroundMember(String name, HealthContributor contributor,
			@Nullable DependencyMonitor declared) {
		if (declared != null && declared.check() instanceof ContributorCheck check) {
			return new ContributorMember(name, declared, check);
		}
		ContributorCheck check = new ContributorCheck(name, contributor);
		DependencyMonitor monitor = this.backgroundMonitors.apply(name, check);
		this.scheduler.add(monitor);
		return new ContributorMember(name, monitor, check);
	}

	/**
	 * Names every contributor of a health registry, in registration order.
	 * @param contributors the registry
	 * @return the names
	 */
	static List<String> names(HealthContributors contributors) {
		return contributors.stream().map(HealthContributors.Entry::name).toList();
	}

	private record ConstantMember(String name, Health health) implements ProbeMember {

	}

}
