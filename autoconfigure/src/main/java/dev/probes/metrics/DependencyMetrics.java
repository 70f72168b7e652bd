package dev.probes.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;
import dev.probes.engine.StateListener;
import dev.probes.metrics.CheckCounts.Outcome;

/**
 * Publishes each dependency's state and attempts as Micrometer meters. Counting happens
 * on the check threads after each attempt; a scrape reads the totals and the latest state
 * from memory, so neither a probe nor a scrape ever causes a check.
 *
 * <p>
 * Tags are the dependency's name, its type and whether it is critical: never a URL, a
 * host or anything else from its configuration, which may hold credentials.
 */
public final class DependencyMetrics implements MeterBinder, StateListener {

	/** Gauge: 1 up, 0 down, -1 no result yet. */
	public static final String STATE = "probes.dependency.state";

	/** Function timer: time taken by the attempts. */
	public static final String DURATION = "probes.dependency.check.duration";

	/** Function counter: attempts by outcome, tagged {@code outcome=up|down|timeout}. */
	public static final String CHECKS = "probes.dependency.checks";

	/**
	 * Function counter: changes of status, tagged {@code status=up|down} with the new
	 * status.
	 */
	public static final String TRANSITIONS = "probes.dependency.transitions";

	private final Supplier<List<DependencyMonitor>> monitors;

	private final Map<String, CheckCounts> counts = new ConcurrentHashMap<>();

	/**
	 * The dependencies whose meters each bound registry has, so that none registers
	 * twice.
	 */
	private final Map<MeterRegistry, Set<String>> registered = new ConcurrentHashMap<>();

	/**
	 * Create metrics for the dependencies that a supplier lists, read when a registry
	 * binds: the monitors do not exist yet when this listener is created.
	 * @param monitors the monitored dependencies
	 */
	public DependencyMetrics(Supplier<List<DependencyMonitor>> monitors) {
		this.monitors = monitors;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registered.putIfAbsent(registry, ConcurrentHashMap.newKeySet());
		this.monitors.get().forEach((monitor) -> register(registry, monitor));
	}

	@Override
	public void attemptCompleted(DependencyMonitor dependency, DependencyState previous, DependencyState current) {
		counts(dependency).record(previous, current);
		// A monitor added after binding, such as a health contributor run in the
		// background.
		this.registered.keySet().forEach((registry) -> register(registry, dependency));
	}

	private CheckCounts counts(DependencyMonitor dependency) {
		return this.counts.computeIfAbsent(dependency.name(), (name) -> new CheckCounts());
	}

	private void register(MeterRegistry registry, DependencyMonitor monitor) {
		if (!this.registered.get(registry).add(monitor.name())) {
			return;
		}
		CheckCounts counts = counts(monitor);
		Tags tags = Tags.of("dependency", monitor.name(), "type", monitor.type(), "critical",
				Boolean.toString(monitor.settings().critical()));
		Gauge.builder(STATE, monitor, DependencyMetrics::state)
			.tags(tags)
			.description("State of the dependency as probes see it: 1 up, 0 down, -1 no result yet")
			.register(registry);
		FunctionTimer
			.builder(DURATION, counts, CheckCounts::attempts, (c) -> c.totalTime(TimeUnit.NANOSECONDS),
					TimeUnit.NANOSECONDS)
			.tags(tags)
			.description("Time taken by the dependency's check attempts; an abandoned attempt counts its timeout")
			.register(registry);
		for (Outcome outcome : Outcome.values()) {
			FunctionCounter.builder(CHECKS, counts, (c) -> c.outcomes(outcome))
				.tags(tags.and("outcome", outcome.tag()))
				.description("Check attempts by outcome")
				.register(registry);
		}
		for (DependencyStatus status : List.of(DependencyStatus.UP, DependencyStatus.DOWN)) {
			FunctionCounter.builder(TRANSITIONS, counts, (c) -> c.transitionsTo(status))
				.tags(tags.and("status", status.name().toLowerCase()))
				.description("Changes of the dependency's status, by the new status")
				.register(registry);
		}
	}

	private static double state(DependencyMonitor monitor) {
		return switch (monitor.state().status()) {
			case UP -> 1;
			case DOWN -> 0;
			case UNKNOWN -> -1;
		};
	}

}
