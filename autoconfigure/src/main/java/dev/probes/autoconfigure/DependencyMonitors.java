package dev.probes.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.probes.check.DeadlockCheck;
import dev.probes.check.DependencyCheck;
import dev.probes.check.InvalidPropertyException;
import dev.probes.check.Redactor;
import dev.probes.engine.Backoff;
import dev.probes.engine.CheckSettings;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.StateListener;

/**
 * Turns the declared dependencies into monitors, one per dependency, plus the deadlock
 * check of liveness when it is on.
 */
final class DependencyMonitors {

	/**
	 * Name of the liveness check that {@code probes.liveness.deadlock-detection} adds.
	 */
	static final String DEADLOCK_CHECK = "deadlocks";

	private static final Duration DEADLOCK_INTERVAL = Duration.ofSeconds(5);

	private final List<StateListener> listeners;

	private final Clock clock;

	DependencyMonitors(List<StateListener> listeners, Clock clock) {
		this.listeners = listeners;
		this.clock = clock;
	}

	List<DependencyMonitor> create(DeclaredDependencies dependencies, ProbesProperties properties) {
		List<DependencyMonitor> monitors = new ArrayList<>();
		List<DependencyCheck> created = new ArrayList<>();
		try {
			for (DeclaredDependency<?> dependency : dependencies.all()) {
				DependencyCheck check = dependency.createCheck();
				created.add(check);
				monitors.add(new DependencyMonitor(dependency.name(), dependency.type(), check, dependency.settings(),
						dependency.redactor(), this.clock, this.listeners));
			}
			if (properties.getLiveness().isDeadlockDetection()) {
				monitors.add(deadlockMonitor(properties));
			}
			if (properties.getStartup().isWait()) {
				// Retry on the wait's backoff from the very first failure; the gate
				// resets it.
				Backoff backoff = StartupSettings.backoff(properties.getStartup());
				monitors.stream()
					.filter((monitor) -> monitor.settings().critical())
					.forEach((monitor) -> monitor.backOffWhileDown(backoff));
			}
			return monitors;
		}
		catch (RuntimeException ex) {
			// Start-up fails: release the pools of the checks created before the bad one.
			created.forEach(DependencyCheck::close);
			throw ex;
		}
	}

	/**
	 * The deadlock check: a member of liveness, never of readiness (not critical), on a
	 * schedule of its own; a thread dump's worth of work, so not more often than every 5
	 * s.
	 */
	private DependencyMonitor deadlockMonitor(ProbesProperties properties) {
		if (properties.getDependencies().containsKey(DEADLOCK_CHECK)) {
			throw new InvalidPropertyException("probes.dependencies." + DEADLOCK_CHECK,
					"the name is taken by the deadlock check of probes.liveness.deadlock-detection",
					"Rename the dependency.");
		}
		CheckSettings settings = new CheckSettings(false, DEADLOCK_INTERVAL, DEADLOCK_INTERVAL, Duration.ofSeconds(2),
				1, 1, DEADLOCK_INTERVAL.multipliedBy(3));
		return new DependencyMonitor(DEADLOCK_CHECK, "deadlock", new DeadlockCheck(), settings, Redactor.none(),
				this.clock, this.listeners);
	}

}
