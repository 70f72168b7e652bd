package dev.probes.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.probes.check.CheckResult;
import dev.probes.check.DependencyCheck;
import dev.probes.check.Redactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduling behaviour of the engine, with checks written for the test: what is under
 * test here is the scheduler, not a client library (the check types have contract tests
 * against real services).
 */
class DependencyMonitorTests {

	private CheckScheduler scheduler;

	@AfterEach
	void close() {
		if (this.scheduler != null) {
			this.scheduler.close();
		}
	}

	@Test
	void startRunsFirstAttemptAtOnceAndRepeatsOnInterval() {
		AtomicInteger attempts = new AtomicInteger();
		DependencyMonitor monitor = start((timeout) -> {
			attempts.incrementAndGet();
			return CheckResult.success();
		}, Duration.ofMillis(100), Duration.ofSeconds(60));
		await().atMost(Duration.ofSeconds(2)).until(() -> attempts.get() >= 3);
		assertThat(monitor.state().status()).isEqualTo(DependencyStatus.UP);
	}

	@Test
	void whenDownRunsOnIntervalWhenDown() {
		AtomicInteger attempts = new AtomicInteger();
		DependencyMonitor monitor = start((timeout) -> {
			attempts.incrementAndGet();
			throw new java.net.ConnectException("Connection refused");
		}, Duration.ofSeconds(60), Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(2)).until(() -> attempts.get() >= 3);
		assertThat(monitor.state().status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(monitor.state().error()).isEqualTo("connection refused");
	}

	@Test
	void attemptPastTimeoutIsAbandonedAndCountsAsFailure() {
		CountDownLatch release = new CountDownLatch(1);
		DependencyMonitor monitor = start((timeout) -> {
			release.await();
			return CheckResult.success();
		}, Duration.ofSeconds(60), Duration.ofSeconds(60));
		long started = System.nanoTime();
		await().atMost(Duration.ofSeconds(2)).until(() -> monitor.state().status() == DependencyStatus.DOWN);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));
		assertThat(monitor.state().error()).isEqualTo("timed out after 200ms");
		release.countDown();
	}

	@Test
	void attemptTimingOutWhileUpIsRecheckedAtOnceNotAfterIntervalWhenDown() {
		// Up, then one attempt that hangs past its timeout and ignores interrupts (it
		// began in
		// an outage that is over when it is abandoned), then the dependency answers
		// again.
		AtomicInteger attempts = new AtomicInteger();
		DependencyMonitor monitor = start((timeout) -> {
			if (attempts.incrementAndGet() == 2) {
				sleepIgnoringInterrupts(timeout.plusMillis(300));
			}
			return CheckResult.success();
		}, Duration.ofMillis(100), Duration.ofSeconds(60));
		AtomicLong downAt = new AtomicLong();
		AtomicLong upAgainAt = new AtomicLong();
		monitor.addListener((dependency, previous, current) -> {
			if (current.status() == DependencyStatus.DOWN) {
				downAt.compareAndSet(0, System.nanoTime());
			}
			else if (current.status() == DependencyStatus.UP && downAt.get() != 0) {
				upAgainAt.compareAndSet(0, System.nanoTime());
			}
		});
		await().atMost(Duration.ofSeconds(3)).until(() -> upAgainAt.get() != 0);
		// The abandoned attempt's thread frees up 300 ms after its timeout; the re-check
		// runs
		// then, long before interval-when-down (60 s).
		assertThat(Duration.ofNanos(upAgainAt.get() - downAt.get())).isLessThan(Duration.ofSeconds(1));
		assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void attemptTimingOutWhileDownWaitsForIntervalWhenDown() throws InterruptedException {
		AtomicInteger attempts = new AtomicInteger();
		DependencyMonitor monitor = start((timeout) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new java.net.ConnectException("Connection refused");
			}
			Thread.sleep(timeout.toMillis() + 100);
			return CheckResult.success();
		}, Duration.ofMillis(100), Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(3)).until(() -> monitor.state().consecutiveFailures() == 2);
		Thread.sleep(300);
		// Down before it timed out: no prompt re-check, the next attempt keeps its
		// schedule.
		assertThat(attempts.get()).isEqualTo(2);
		assertThat(monitor.state().status()).isEqualTo(DependencyStatus.DOWN);
	}

	@Test
	void hungAttemptIsNeverJoinedByAnotherOneOnTheSameDependency() throws InterruptedException {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger maxRunning = new AtomicInteger();
		AtomicInteger attempts = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		start((timeout) -> {
			attempts.incrementAndGet();
			maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				// Ignores interrupts, like a driver stuck in a socket read.
				awaitIgnoringInterrupts(release);
				return CheckResult.success();
			}
			finally {
				running.decrementAndGet();
			}
		}, Duration.ofMillis(50), Duration.ofMillis(50));
		// Many intervals and timeouts pass while the first attempt hangs.
		Thread.sleep(1000);
		assertThat(attempts.get()).isEqualTo(1);
		release.countDown();
		await().atMost(Duration.ofSeconds(2)).until(() -> attempts.get() >= 2);
		assertThat(maxRunning.get()).isEqualTo(1);
	}

	@Test
	void interruptibleAttemptReleasesItsThreadWhenAbandoned() {
		AtomicInteger interrupted = new AtomicInteger();
		start((timeout) -> {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				interrupted.incrementAndGet();
				throw ex;
			}
			return CheckResult.success();
		}, Duration.ofMillis(50), Duration.ofMillis(50));
		await().atMost(Duration.ofSeconds(3)).until(() -> interrupted.get() >= 3);
	}

	@Test
	void attemptAbandonedBeforeAThreadStartsItKeepsTheScheduleGoing() {
		// A starved machine: every attempt waits for a thread longer than its timeout.
		ThreadPoolExecutor workers = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {

			@Override
			protected void beforeExecute(Thread thread, Runnable task) {
				sleepIgnoringInterrupts(Duration.ofMillis(400));
			}

		};
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
		AtomicInteger checks = new AtomicInteger();
		AtomicInteger attempts = new AtomicInteger();
		DependencyMonitor monitor = new DependencyMonitor("db", "test", (timeout) -> {
			checks.incrementAndGet();
			return CheckResult.success();
		}, settings(Duration.ofMillis(50), Duration.ofMillis(50)), Redactor.none(), Clock.systemUTC(),
				List.of((dependency, previous, current) -> attempts.incrementAndGet()));
		try {
			monitor.start(timer, workers);
			await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
			// Each one timed out before it began: nothing ran late, long after it
			// counted.
			assertThat(checks.get()).isZero();
			assertThat(monitor.state().error()).isEqualTo("timed out after 200ms");
		}
		finally {
			monitor.stop();
			timer.shutdownNow();
			workers.shutdownNow();
		}
	}

	@Test
	void stateWhenCheckerStallsTurnsStale() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger attempts = new AtomicInteger();
		CheckSettings settings = new CheckSettings(true, Duration.ofMillis(50), Duration.ofMillis(50),
				Duration.ofSeconds(60), 1, 1, Duration.ofMillis(300));
		DependencyMonitor monitor = start((timeout) -> {
			if (attempts.incrementAndGet() > 1) {
				release.await();
			}
			return CheckResult.success();
		}, settings);
		await().atMost(Duration.ofSeconds(2)).until(() -> monitor.state().status() == DependencyStatus.UP);
		await().atMost(Duration.ofSeconds(2)).until(() -> monitor.state().status() == DependencyStatus.DOWN);
		assertThat(monitor.state().error()).startsWith("stale: last checked");
		release.countDown();
	}

	@Test
	void jitterShortensIntervalsAtRandomAndNeverLengthensThem() {
		List<Long> gaps = attemptGaps(0.5);
		// 100 ms shortened by up to 50 %; the timer may run an attempt a little late,
		// never early.
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isBetween(45L, 100L + 40));
		assertThat(gaps).anySatisfy((gap) -> assertThat(gap).isLessThan(75L));
	}

	@Test
	void withoutJitterIntervalsAreFixed() {
		List<Long> gaps = attemptGaps(0);
		// Never early; late only by what the timer may add, which a busy machine makes
		// much of now and then, but not most of the time.
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isGreaterThanOrEqualTo(99L));
		assertThat(gaps.stream().filter((gap) -> gap <= 100 + 15)).as("gaps of at most 115 ms in %s", gaps)
			.hasSizeGreaterThan(gaps.size() / 2);
	}

	private List<Long> attemptGaps(double jitter) {
		List<Long> startTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
		CheckSettings settings = new CheckSettings(true, Duration.ofMillis(100), Duration.ofMillis(100),
				Duration.ofMillis(200), 1, 1, Duration.ofSeconds(60), jitter);
		start((timeout) -> {
			startTimes.add(System.nanoTime());
			return CheckResult.success();
		}, settings);
		await().atMost(Duration.ofSeconds(5)).until(() -> startTimes.size() >= 16);
		this.scheduler.close();
		// Skip the first gap: after the first result the phase is drawn from the whole
		// interval.
		return java.util.stream.IntStream.range(2, 16)
			.mapToObj((i) -> TimeUnit.NANOSECONDS.toMillis(startTimes.get(i) - startTimes.get(i - 1)))
			.toList();
	}

	@Test
	void firstDelayAfterTheFirstResultIsDrawnFromTheWholeInterval() {
		List<Long> firstGaps = new java.util.ArrayList<>();
		for (int run = 0; run < 8; run++) {
			List<Long> startTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
			CheckSettings settings = new CheckSettings(true, Duration.ofMillis(400), Duration.ofMillis(400),
					Duration.ofMillis(200), 1, 1, Duration.ofSeconds(60), 0.1);
			start((timeout) -> {
				startTimes.add(System.nanoTime());
				return CheckResult.success();
			}, settings);
			await().atMost(Duration.ofSeconds(2)).until(() -> startTimes.size() >= 2);
			this.scheduler.close();
			firstGaps.add(TimeUnit.NANOSECONDS.toMillis(startTimes.get(1) - startTimes.get(0)));
		}
		assertThat(firstGaps).allSatisfy((gap) -> assertThat(gap).isLessThanOrEqualTo(400L + 40));
		// A spread of only 10 % would keep every first gap above 360 ms.
		assertThat(firstGaps).anySatisfy((gap) -> assertThat(gap).isLessThan(300L));
	}

	@Test
	void firstDelayAfterRecoveringStepsBackFromTheIntervalByWholeIntervalsWhenDown() {
		// Down first, then up at an attempt on the 250 ms schedule: the first delay is
		// 1000,
		// 750, 500 or 250 ms, each shortened by up to 10 %. A delay drawn from the whole
		// interval would land there once in four.
		CheckSettings settings = new CheckSettings(true, Duration.ofSeconds(1), Duration.ofMillis(250),
				Duration.ofMillis(200), 1, 1, Duration.ofSeconds(60), 0.1);
		List<Long> firstDelays = new java.util.concurrent.CopyOnWriteArrayList<>();
		StateListener recovered = (dependency, previous, current) -> {
			if (previous.status() == DependencyStatus.DOWN && current.status() == DependencyStatus.UP) {
				firstDelays.add(dependency.nextAttemptIn().toMillis());
			}
		};
		List<DependencyMonitor> monitors = java.util.stream.IntStream.range(0, 12).mapToObj((i) -> {
			AtomicInteger attempts = new AtomicInteger();
			DependencyCheck failsOnce = (timeout) -> (attempts.incrementAndGet() == 1)
					? CheckResult.failure("connection refused") : CheckResult.success();
			return new DependencyMonitor("db" + i, "test", failsOnce, settings, Redactor.none(), Clock.systemUTC(),
					List.of(recovered));
		}).toList();
		this.scheduler = new CheckScheduler(monitors);
		this.scheduler.start();
		await().atMost(Duration.ofSeconds(2)).until(() -> firstDelays.size() == 12);
		assertThat(firstDelays).allSatisfy((delay) -> assertThat(java.util.stream.IntStream.rangeClosed(1, 4)
			.anyMatch((steps) -> delay >= steps * 225 && delay <= steps * 250)).as("%d ms", delay).isTrue());
	}

	@Test
	void listenersAreToldAfterEveryAttempt() {
		AtomicInteger told = new AtomicInteger();
		CheckSettings settings = settings(Duration.ofMillis(50), Duration.ofMillis(50));
		DependencyMonitor monitor = new DependencyMonitor("db", "test", (timeout) -> CheckResult.success(), settings,
				Redactor.none(), Clock.systemUTC(), List.of((dependency, previous, current) -> told.incrementAndGet()));
		this.scheduler = new CheckScheduler(List.of(monitor));
		this.scheduler.start();
		await().atMost(Duration.ofSeconds(2)).until(() -> told.get() >= 3);
	}

	@Test
	void errorTextIsRedacted() {
		CheckSettings settings = settings(Duration.ofSeconds(60), Duration.ofSeconds(60));
		DependencyMonitor monitor = new DependencyMonitor("db", "test",
				(timeout) -> CheckResult.failure("login failed with s3cr3t"), settings, Redactor.of(List.of("s3cr3t")),
				Clock.systemUTC(), List.of());
		this.scheduler = new CheckScheduler(List.of(monitor));
		this.scheduler.start();
		await().atMost(Duration.ofSeconds(2)).until(() -> monitor.state().status() == DependencyStatus.DOWN);
		assertThat(monitor.state().error()).isEqualTo("login failed with ******");
	}

	private static void awaitIgnoringInterrupts(CountDownLatch latch) {
		while (latch.getCount() > 0) {
			try {
				latch.await(10, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				// Keep waiting, as a driver blocked in a socket read would.
			}
		}
	}

	private static void sleepIgnoringInterrupts(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			try {
				Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
			}
			catch (InterruptedException ex) {
				// A hung driver that does not honour interrupts.
			}
		}
	}

	private DependencyMonitor start(DependencyCheck check, Duration interval, Duration intervalWhenDown) {
		return start(check, settings(interval, intervalWhenDown));
	}

	private DependencyMonitor start(DependencyCheck check, CheckSettings settings) {
		DependencyMonitor monitor = new DependencyMonitor("db", "test", check, settings, Redactor.none(),
				Clock.systemUTC(), List.of());
		this.scheduler = new CheckScheduler(List.of(monitor));
		this.scheduler.start();
		return monitor;
	}

	private static CheckSettings settings(Duration interval, Duration intervalWhenDown) {
		return new CheckSettings(true, interval, intervalWhenDown, Duration.ofMillis(200), 1, 1,
				Duration.ofSeconds(60));
	}

}
