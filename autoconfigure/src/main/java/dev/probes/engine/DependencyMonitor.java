package dev.probes.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.probes.check.CheckResult;
import dev.probes.check.DependencyCheck;
import dev.probes.check.Durations;
import dev.probes.check.FailureDescriptions;
import dev.probes.check.Redactor;

/**
 * Runs the check of one dependency in the background, one attempt at a time, and holds
 * its latest {@link DependencyState}.
 *
 * <p>
 * An attempt past its timeout is abandoned: it is recorded as a failure at once and its
 * thread is interrupted, but the next attempt waits until that thread is free again. So a
 * hung driver pins at most one thread and one connection per dependency, however long it
 * hangs. An attempt abandoned before a thread could start it (a starved machine) is not
 * run at all.
 */
public final class DependencyMonitor {

	private final String name;

	private final String type;

	private final DependencyCheck check;

	private final CheckSettings settings;

	private final Redactor redactor;

	private final Thresholds thresholds;

	private final Spread spread;

	private final Clock clock;

	private final List<StateListener> listeners = new CopyOnWriteArrayList<>();

	private final AtomicReference<DependencyState> state = new AtomicReference<>(DependencyState.unknown());

	private volatile @Nullable Backoff backoffWhileDown;

	private volatile Duration nextAttemptIn = Duration.ZERO;

	// The configured delay of the schedule the next attempt is on; zero when it is on
	// none
	// (the first attempt, checkNow, a prompt re-check, the start-up wait's backoff).
	private volatile Duration scheduledEvery = Duration.ZERO;

	private @Nullable ScheduledExecutorService timer;

	private @Nullable ExecutorService workers;

	// Guarded by this.
	private boolean inFlight;

	private long attempts;

	private long abandonedAttempt;

	private boolean runWhenFree;

	private boolean stopped;

	// The thread running the check of the attempt in flight, while it does.
	private @Nullable Thread runner;

	private @Nullable ScheduledFuture<?> pending;

	/**
	 * Create a monitor; it does nothing until {@link #start} is called.
	 * @param name the dependency's name
	 * @param type the check type, shown in details
	 * @param check the check to run
	 * @param settings schedule, timeout and thresholds
	 * @param redactor masks the dependency's secrets in error texts
	 * @param clock source of timestamps
	 * @param listeners told after every attempt
	 */
	public DependencyMonitor(String name, String type, DependencyCheck check, CheckSettings settings, Redactor redactor,
			Clock clock, List<StateListener> listeners) {
		this.name = name;
		this.type = type;
		this.check = check;
		this.settings = settings;
		this.redactor = redactor;
		this.thresholds = new Thresholds(settings.failureThreshold(), settings.successThreshold());
		this.spread = new Spread(settings.jitter());
		this.clock = clock;
		this.listeners.addAll(listeners);
	}

	public String name() {
		return this.name;
	}

	public String type() {
		return this.type;
	}

	public CheckSettings settings() {
		return this.settings;
	}

	/**
	 * Return the check this monitor runs.
	 * @return the check
	 */
	public DependencyCheck check() {
		return this.check;
	}

	/**
	 * Return the latest state as it counts now (a stale UP counts as DOWN). Reads memory
	 * only: this is what a probe calls.
	 * @return the current state
	 */
	public DependencyState state() {
		return this.state.get().asSeenAt(this.clock.instant(), this.settings.maxStaleness());
	}

	/**
	 * Retry on this backoff instead of {@code interval-when-down}, as the start-up wait
	 * does; {@code null} returns to the usual schedule.
	 * @param backoff the backoff, or {@code null}
	 */
	public void backOffWhileDown(@Nullable Backoff backoff) {
		this.backoffWhileDown = backoff;
	}

	/**
	 * Return the delay that was set before the next attempt when the latest one
	 * completed.
	 * @return the delay
	 */
	public Duration nextAttemptIn() {
		return this.nextAttemptIn;
	}

	/**
	 * Tell a listener about every attempt from now on.
	 * @param listener the listener
	 */
	public void addListener(StateListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Stop telling a listener about attempts.
	 * @param listener the listener
	 */
	public void removeListener(StateListener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * Start checking at once, then on the schedule.
	 * @param timer the thread that schedules attempts and timeouts
	 * @param workers the threads that run attempts
	 */
	synchronized void start(ScheduledExecutorService timer, ExecutorService workers) {
		this.timer = timer;
		this.workers = workers;
		this.scheduledEvery = Duration.ZERO;
		schedule(Duration.ZERO);
	}

	/**
	 * Make the next attempt now rather than at its scheduled time, unless one is running.
	 */
	public synchronized void checkNow() {
		if (this.stopped || this.inFlight || this.timer == null) {
			return;
		}
		if (this.pending != null) {
			this.pending.cancel(false);
		}
		this.scheduledEvery = Duration.ZERO;
		schedule(Duration.ZERO);
	}

	synchronized void stop() {
		this.stopped = true;
		if (this.pending != null) {
			this.pending.cancel(false);
		}
		if (this.runner != null) {
			this.runner.interrupt();
		}
		this.check.close();
	}

	private void runAttempt() {
		synchronized (this) {
			if (this.stopped || this.workers == null || this.timer == null) {
				return;
			}
			if (this.inFlight) {
				// The previous attempt was abandoned but its thread is still busy.
				this.runWhenFree = true;
				return;
			}
			this.inFlight = true;
			long attempt = ++this.attempts;
			long startedAt = System.nanoTime();
			try {
				this.workers.submit(() -> execute(attempt, startedAt));
			}
			catch (RejectedExecutionException ex) {
				this.inFlight = false;
				return;
			}
			this.pending = this.timer.schedule(() -> abandon(attempt, startedAt), this.settings.timeout().toNanos(),
					TimeUnit.NANOSECONDS);
		}
	}

	private void execute(long attempt, long startedAt) {
		synchronized (this) {
			if (attempt == this.abandonedAttempt) {
				// Timed out before a thread was free to start it: the failure is
				// recorded.
				freeAbandoned();
				return;
			}
			this.runner = Thread.currentThread();
		}
		AttemptOutcome outcome;
		try {
			CheckResult result = this.check.check(this.settings.timeout());
			String error = (result.error() != null) ? this.redactor.safe(result.error()) : null;
			outcome = outcome(result.up(), error, result.permanent(), redact(result.details()), startedAt, false);
		}
		catch (Throwable ex) {
			// A check tells a permanent failure in its result; a thrown one may go away.
			outcome = outcome(false, FailureDescriptions.describe(ex, this.redactor), false, Map.of(), startedAt,
					false);
		}
		synchronized (this) {
			this.runner = null;
			// An interrupt that came after the check returned is not for the attempts of
			// other
			// dependencies that this pool thread runs next.
			Thread.interrupted();
			if (attempt == this.abandonedAttempt) {
				// Already counted as a failure when it timed out.
				freeAbandoned();
				return;
			}
			this.inFlight = false;
			this.runWhenFree = false;
			if (this.pending != null) {
				this.pending.cancel(false);
			}
		}
		record(outcome);
	}

	/** The abandoned attempt's thread is free: make the attempt that waited for it. */
	private void freeAbandoned() {
		this.inFlight = false;
		if (this.runWhenFree) {
			this.runWhenFree = false;
			this.scheduledEvery = Duration.ZERO;
			schedule(Duration.ZERO);
		}
	}

	private void abandon(long attempt, long startedAt) {
		synchronized (this) {
			if (!this.inFlight || this.attempts != attempt || this.stopped) {
				return;
			}
			this.abandonedAttempt = attempt;
			if (this.runner != null) {
				// Interrupts waits that honour it, such as a pool's getConnection. Under
				// the
				// lock, so that it reaches this attempt's check and nothing the thread
				// runs later.
				this.runner.interrupt();
			}
		}
		record(outcome(false, "timed out after " + Durations.format(this.settings.timeout()), false, Map.of(),
				startedAt, true));
	}

	private void record(AttemptOutcome outcome) {
		DependencyState previous = this.state.get();
		DependencyState current = this.thresholds.apply(previous, outcome);
		this.state.set(current);
		// An attempt that timed out while the dependency was up may have started in a
		// short
		// outage that is over by now: a prompt re-check settles it, rather than leaving a
		// stale
		// DOWN in place for interval-when-down. Once down, the usual schedule holds
		// again.
		boolean recheck = outcome.timedOut() && previous.status() == DependencyStatus.UP
				&& this.backoffWhileDown == null;
		Duration delay;
		if (recheck) {
			this.scheduledEvery = Duration.ZERO;
			delay = Duration.ZERO;
		}
		else {
			delay = nextDelay(previous, current);
		}
		this.nextAttemptIn = delay;
		synchronized (this) {
			schedule(delay);
		}
		for (StateListener listener : this.listeners) {
			listener.attemptCompleted(this, previous, current);
		}
	}

	private Duration nextDelay(DependencyState previous, DependencyState current) {
		Duration previousSchedule = this.scheduledEvery;
		Backoff backoff = this.backoffWhileDown;
		if (current.status() != DependencyStatus.UP && backoff != null) {
			// The start-up wait's backoff has a jitter of its own.
			this.scheduledEvery = Duration.ZERO;
			return backoff.delayAfter(Math.max(1, current.consecutiveFailures()));
		}
		Duration base = (current.status() == DependencyStatus.UP) ? this.settings.interval()
				: this.settings.intervalWhenDown();
		this.scheduledEvery = base;
		// After start and after a change of status each pod takes a new phase, from where
		// its
		// attempt was on the schedule it leaves (see Spread); otherwise the pods drift
		// apart a
		// little at every attempt.
		return (previous.status() != current.status()) ? this.spread.rephase(base, previousSchedule)
				: this.spread.shorten(base);
	}

	private AttemptOutcome outcome(boolean success, @Nullable String error, boolean permanent,
			Map<String, Object> details, long startedAt, boolean timedOut) {
		Duration latency = Duration.ofNanos(System.nanoTime() - startedAt);
		return new AttemptOutcome(success, error, permanent && !success, details, this.clock.instant(), latency,
				timedOut);
	}

	private Map<String, Object> redact(Map<String, Object> details) {
		Map<String, Object> redacted = new LinkedHashMap<>();
		details.forEach((key, value) -> redacted.put(key,
				(value instanceof CharSequence text) ? this.redactor.safe(text.toString()) : value));
		return redacted;
	}

	private void schedule(Duration delay) {
		if (this.stopped || this.timer == null) {
			return;
		}
		try {
			this.pending = this.timer.schedule(this::runAttempt, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The scheduler is shutting down.
		}
	}

}
