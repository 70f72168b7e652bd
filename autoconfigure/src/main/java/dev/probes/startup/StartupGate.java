package dev.probes.startup;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.probes.check.Durations;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;
import dev.probes.engine.StateListener;

/**
 * Blocks until every critical dependency is up, reading the same background results that
 * {@code /readyz} reads; fails at once on a permanent error and at the deadline
 * otherwise.
 *
 * <p>
 * The monitors retry on the start-up backoff while the gate waits (they were created with
 * it); the gate returns them to their usual schedule when it is done.
 */
public final class StartupGate {

	private static final Log logger = LogFactory.getLog(StartupGate.class);

	private static final long POLL_NANOS = Duration.ofMillis(100).toNanos();

	private static final long MIN_WAIT_NANOS = Duration.ofMillis(1).toNanos();

	private static final long ABANDON_GRACE_NANOS = Duration.ofMillis(200).toNanos();

	private final List<DependencyMonitor> critical;

	private final Duration timeout;

	private final @Nullable LaunchTime launch;

	private final Map<String, List<InetSocketAddress>> addresses;

	private final Object lock = new Object();

	private final Map<String, Duration> upAfter = new LinkedHashMap<>();

	// Not a StateListener bean itself: the scheduler collects those, and the gate needs
	// the scheduler.
	private final StateListener listener = this::attemptCompleted;

	private volatile List<String> awaited;

	private volatile BiFunction<String, Map<String, Object>, @Nullable String> actions = (name, details) -> null;

	private volatile Consumer<List<String>> awaitedListener = (names) -> {
	};

	private long startedAt;

	/**
	 * Create a gate whose deadline counts from the moment it starts waiting.
	 * @param critical the monitors of the critical dependencies
	 * @param timeout how long to wait at most
	 */
	public StartupGate(List<DependencyMonitor> critical, Duration timeout) {
		this(critical, timeout, null, Map.of());
	}

	/**
	 * Create a gate.
	 * @param critical the monitors of the critical dependencies
	 * @param timeout how long after the launch to give up
	 * @param launch the launch that the deadline counts from; {@code null} to count from
	 * the moment the gate starts waiting
	 * @param addresses the host and port of each dependency that has one, by name
	 * (unresolved): while the gate waits, a dependency is checked at once when its
	 * address starts to accept connections
	 */
	public StartupGate(List<DependencyMonitor> critical, Duration timeout, @Nullable LaunchTime launch,
			Map<String, List<InetSocketAddress>> addresses) {
		this.critical = List.copyOf(critical);
		this.timeout = timeout;
		this.launch = launch;
		this.addresses = Map.copyOf(addresses);
		this.awaited = critical.stream().map(DependencyMonitor::name).toList();
	}

	/**
	 * Return the names of the critical dependencies not up yet.
	 * @return the names, empty once the wait is over
	 */
	public List<String> awaited() {
		return this.awaited;
	}

	/**
	 * Say what to do when a dependency fails for good, for the start-up failure report.
	 * @param actions the action for a dependency's name and the details of its latest
	 * result, or {@code null} when nothing is known of it
	 */
	public void describeActionsWith(BiFunction<String, Map<String, Object>, @Nullable String> actions) {
		this.actions = actions;
	}

	/**
	 * Tell a listener each time the dependencies awaited change, so that readiness names
	 * them while the application waits.
	 * @param listener called with the names, empty once the wait is over
	 */
	public void onAwaitedChange(Consumer<List<String>> listener) {
		this.awaitedListener = listener;
		listener.accept(this.awaited);
	}

	/**
	 * Wait until every critical dependency is up.
	 * @throws DependencyFailedException when one fails with an error that retrying will
	 * not mend, such as a rejected password
	 * @throws StartupTimeoutException when some are still down at the deadline
	 */
	public void await() {
		await(() -> false);
	}

	/**
	 * Wait until every critical dependency is up, doing other work in steps while the
	 * dependencies are down: one step at a time, between looks at the dependencies, so
	 * that the wait notices them and its deadline within a step.
	 * @param step does one step of work and tells whether it did any; once it tells it
	 * did none, the wait only waits
	 * @throws DependencyFailedException when one fails with an error that retrying will
	 * not mend, such as a rejected password
	 * @throws StartupTimeoutException when some are still down at the deadline
	 */
	public void await(BooleanSupplier step) {
		this.startedAt = System.nanoTime();
		long deadline = deadline();
		long oneAttempt = oneAttempt();
		boolean stepping = true;
		this.critical.forEach((monitor) -> monitor.addListener(this.listener));
		try (ReachabilityWatch watch = new ReachabilityWatch(watched())) {
			this.critical.forEach((monitor) -> logIfDown(monitor, monitor.state()));
			while (true) {
				List<DependencyMonitor> down = notUp();
				List<String> awaited = down.stream().map(DependencyMonitor::name).toList();
				if (!awaited.equals(this.awaited)) {
					this.awaited = awaited;
					this.awaitedListener.accept(awaited);
				}
				if (down.isEmpty()) {
					logSummary();
					return;
				}
				failIfPermanent(down);
				long now = System.nanoTime();
				if (now - deadline >= 0 && (now - oneAttempt >= 0 || everyOneChecked(down))) {
					throw new StartupTimeoutException(this.timeout,
							(this.launch != null) ? this.launch.origin() : "the start of the wait",
							Duration.ofNanos(now - this.startedAt), lastErrors(down));
				}
				if (stepping && now - deadline < 0) {
					if (step.getAsBoolean()) {
						continue;
					}
					stepping = false;
				}
				synchronized (this.lock) {
					// Past the deadline, until the first attempts complete (they notify
					// the lock).
					long until = (now - deadline < 0) ? deadline : oneAttempt;
					long wait = Math.min(POLL_NANOS, Math.max(until - now, MIN_WAIT_NANOS));
					this.lock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for dependencies " + this.awaited, ex);
		}
		finally {
			this.critical.forEach((monitor) -> {
				monitor.removeListener(this.listener);
				monitor.backOffWhileDown(null);
			});
		}
	}

	private Map<DependencyMonitor, List<InetSocketAddress>> watched() {
		Map<DependencyMonitor, List<InetSocketAddress>> watched = new LinkedHashMap<>();
		this.critical.forEach((monitor) -> {
			List<InetSocketAddress> addresses = this.addresses.get(monitor.name());
			if (addresses != null) {
				watched.put(monitor, addresses);
			}
		});
		return watched;
	}

	/**
	 * Return the deadline: the timeout after the launch.
	 */
	private long deadline() {
		long origin = (this.launch != null) ? this.launch.originNanos() : this.startedAt;
		return origin + this.timeout.toNanos();
	}

	/**
	 * Return when every dependency has surely had one attempt: past the deadline, as when
	 * the application reached the wait long after the JVM started, the wait still lasts
	 * until each dependency's first attempt has completed, or this moment at the latest.
	 */
	private long oneAttempt() {
		// A little past the longest timeout: an attempt abandoned at its timeout is
		// recorded then.
		return this.startedAt + ABANDON_GRACE_NANOS
				+ this.critical.stream().mapToLong((monitor) -> monitor.settings().timeout().toNanos()).max().orElse(0);
	}

	private static boolean everyOneChecked(List<DependencyMonitor> down) {
		return down.stream().allMatch((monitor) -> monitor.state().lastChecked() != null);
	}

	private void attemptCompleted(DependencyMonitor dependency, DependencyState previous, DependencyState current) {
		logIfDown(dependency, current);
		synchronized (this.lock) {
			this.lock.notifyAll();
		}
	}

	private List<DependencyMonitor> notUp() {
		List<DependencyMonitor> down = new ArrayList<>();
		for (DependencyMonitor monitor : this.critical) {
			if (monitor.state().status() == DependencyStatus.UP) {
				this.upAfter.putIfAbsent(monitor.name(), Duration.ofNanos(System.nanoTime() - this.startedAt));
			}
			else {
				down.add(monitor);
			}
		}
		return down;
	}

	private void failIfPermanent(List<DependencyMonitor> down) {
		for (DependencyMonitor monitor : down) {
			DependencyState state = monitor.state();
			if (state.permanent()) {
				throw new DependencyFailedException(monitor.name(), String.valueOf(state.error()), state.details(),
						this.actions.apply(monitor.name(), state.details()));
			}
		}
	}

	private static Map<String, String> lastErrors(List<DependencyMonitor> down) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (DependencyMonitor monitor : down) {
			String error = monitor.state().error();
			errors.put(monitor.name(), (error != null) ? error : "not checked yet");
		}
		return errors;
	}

	private void logIfDown(DependencyMonitor monitor, DependencyState state) {
		if (state.status() != DependencyStatus.UP && state.consecutiveFailures() > 0 && !state.permanent()) {
			logger.info("waiting for %s (attempt %d, next in %s): %s".formatted(monitor.name(),
					state.consecutiveFailures(), Durations.format(monitor.nextAttemptIn()), state.error()));
		}
	}

	private void logSummary() {
		if (this.critical.isEmpty()) {
			return;
		}
		Duration total = Duration.ofNanos(System.nanoTime() - this.startedAt);
		String each = this.upAfter.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " " + Durations.format(entry.getValue()))
			.collect(Collectors.joining(", "));
		logger.info("dependencies up after %s: %s".formatted(Durations.format(total), each));
	}

}
