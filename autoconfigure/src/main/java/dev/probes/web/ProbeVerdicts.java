package dev.probes.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Holds the current liveness and readiness {@link Verdict verdicts} and every member's
 * health, rebuilt when something changes (an attempt completing, an availability change,
 * a result going stale) and read by probes without any work.
 *
 * <p>
 * Until its probes are {@link #bind bound} to their members, the application is starting:
 * liveness passes (the process is alive) and readiness fails, naming the dependencies
 * that the start-up wait still awaits and a {@code startup} check.
 */
public final class ProbeVerdicts implements AutoCloseable {

	/** The check that fails readiness while the application starts. */
	static final String STARTUP_CHECK = "startup";

	private final Clock clock;

	private final Object lock = new Object();

	private volatile Snapshot snapshot;

	// Guarded by lock.
	private @Nullable ProbeDefinition liveness;

	private @Nullable ProbeDefinition readiness;

	private List<ProbeMember> others = List.of();

	private List<String> awaited = List.of();

	private @Nullable ScheduledExecutorService timer;

	private @Nullable ScheduledFuture<?> nextChange;

	private boolean closed;

	public ProbeVerdicts() {
		this(Clock.systemUTC());
	}

	ProbeVerdicts(Clock clock) {
		this.clock = clock;
		this.snapshot = starting(List.of());
	}

	/**
	 * Return the current liveness verdict.
	 * @return the verdict
	 */
	public Verdict liveness() {
		return this.snapshot.liveness();
	}

	/**
	 * Return the current readiness verdict.
	 * @return the verdict
	 */
	public Verdict readiness() {
		return this.snapshot.readiness();
	}

	/**
	 * Return a probe's current verdict.
	 * @param probe the probe
	 * @return the verdict
	 */
	public Verdict verdict(Probe probe) {
		Snapshot current = this.snapshot;
		return (probe == Probe.LIVENESS) ? current.liveness() : current.readiness();
	}

	/**
	 * Return a member's health as of the current verdicts, so that Actuator's health
	 * endpoint reports exactly what the probes report.
	 * @param name the member's name
	 * @return its health, or {@code null} before the probes are bound or for an unknown
	 * name
	 */
	public @Nullable Health health(String name) {
		return this.snapshot.health().get(name);
	}

	/**
	 * Return whether the probes are bound to their members, that is the application has
	 * started.
	 * @return whether they are bound
	 */
	public boolean isBound() {
		return this.snapshot.bound();
	}

	/**
	 * Name the critical dependencies that the start-up wait still awaits; shown while the
	 * application starts.
	 * @param names the dependencies
	 */
	public void waitingFor(List<String> names) {
		synchronized (this.lock) {
			this.awaited = List.copyOf(names);
			if (this.liveness == null) {
				this.snapshot = starting(this.awaited);
			}
		}
	}

	/**
	 * Bind the probes to their members and build their verdicts; from then on the
	 * verdicts follow the members.
	 * @param liveness the liveness probe
	 * @param readiness the readiness probe
	 * @param others members of neither probe whose health is served from the same
	 * snapshot, such as non-critical dependencies
	 */
	public void bind(ProbeDefinition liveness, ProbeDefinition readiness, List<ProbeMember> others) {
		synchronized (this.lock) {
			this.liveness = liveness;
			this.readiness = readiness;
			this.others = List.copyOf(others);
		}
		refresh();
	}

	/**
	 * Rebuild the verdicts from the members' current health. Called on every change,
	 * never per probe.
	 */
	public void refresh() {
		synchronized (this.lock) {
			if (this.closed || this.liveness == null || this.readiness == null) {
				return;
			}
			Map<String, Health> health = new HashMap<>();
			List<ProbeMember> members = new ArrayList<>(this.liveness.members());
			members.addAll(this.readiness.members());
			members.addAll(this.others);
			Instant nextChange = null;
			for (ProbeMember member : members) {
				if (!health.containsKey(member.name())) {
					health.put(member.name(), member.health());
					Instant changesAt = member.changesAt();
					if (changesAt != null && (nextChange == null || changesAt.isBefore(nextChange))) {
						nextChange = changesAt;
					}
				}
			}
			this.snapshot = new Snapshot(Verdict.of(this.liveness, health), Verdict.of(this.readiness, health),
					Map.copyOf(health), true);
			scheduleRefresh(nextChange);
		}
	}

	private void scheduleRefresh(@Nullable Instant at) {
		if (this.nextChange != null) {
			this.nextChange.cancel(false);
			this.nextChange = null;
		}
		if (at == null) {
			return;
		}
		if (this.timer == null) {
			ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (runnable) -> {
				Thread thread = new Thread(runnable, "probes-verdict");
				thread.setDaemon(true);
				return thread;
			});
			timer.setRemoveOnCancelPolicy(true);
			this.timer = timer;
		}
		// A millisecond late, so that the member has changed when the verdict is rebuilt.
		long delay = Math.max(0, Duration.between(this.clock.instant(), at).toMillis() + 1);
		this.nextChange = this.timer.schedule(this::refresh, delay, TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			this.closed = true;
			if (this.timer != null) {
				this.timer.shutdownNow();
				this.timer = null;
			}
		}
	}

	private static Snapshot starting(List<String> awaited) {
		Verdict liveness = Verdict.of(Probe.LIVENESS, List.of(), Status.UP,
				ActuatorJson.write(ActuatorJson.status(Status.UP)));
		List<Verdict.Check> checks = new ArrayList<>();
		Health down = Health.outOfService().build();
		for (String name : awaited) {
			checks.add(new Verdict.Check(name, down, false));
		}
		checks.add(new Verdict.Check(STARTUP_CHECK, down, false));
		// A 503 always says why: what is awaited, or that the rest of the application is
		// starting.
		String why = awaited.isEmpty() ? "the application is starting" : "waiting for " + String.join(", ", awaited);
		Map<String, Object> json = new LinkedHashMap<>(
				ActuatorJson.status(new Status(Status.OUT_OF_SERVICE.getCode(), why)));
		json.put("waitingFor", awaited);
		Verdict readiness = Verdict.of(Probe.READINESS, checks, Status.OUT_OF_SERVICE, ActuatorJson.write(json));
		return new Snapshot(liveness, readiness, Map.of(), false);
	}

	private record Snapshot(Verdict liveness, Verdict readiness, Map<String, Health> health, boolean bound) {

	}

}
