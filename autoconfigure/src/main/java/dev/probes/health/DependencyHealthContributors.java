package dev.probes.health;

import java.util.function.BiConsumer;

import org.springframework.boot.health.registry.HealthContributorRegistry;

import dev.probes.engine.CheckScheduler;
import dev.probes.engine.DependencyMonitor;
import dev.probes.web.ProbeVerdicts;

/**
 * Registers one health contributor per declared dependency, under the dependency's own
 * name ({@code /actuator/health/postgres}), answered from the probes' verdicts.
 */
public final class DependencyHealthContributors {

	/**
	 * Register every dependency of the scheduler.
	 * @param scheduler the monitored dependencies
	 * @param verdicts the verdicts the contributors answer from
	 * @param registry the application's health contributor registry
	 * @param onClash called with the dependency name and the registry's message when the
	 * name is taken
	 */
	public static void register(CheckScheduler scheduler, ProbeVerdicts verdicts, HealthContributorRegistry registry,
			BiConsumer<String, String> onClash) {
		for (DependencyMonitor monitor : scheduler.monitors()) {
			try {
				registry.registerContributor(monitor.name(),
						new SnapshotHealthIndicator(verdicts, new DependencyMember(monitor)));
			}
			catch (IllegalStateException ex) {
				onClash.accept(monitor.name(), ex.getMessage());
			}
		}
	}

	private DependencyHealthContributors() {
	}

}
