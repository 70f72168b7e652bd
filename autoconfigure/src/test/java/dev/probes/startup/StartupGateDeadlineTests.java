package dev.probes.startup;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.probes.check.Redactor;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.CheckSettings;
import dev.probes.engine.DependencyMonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Where the start-up wait's deadline counts from: the launch, so the wait gets what is
 * left of the timeout after the start-up before it; yet never less than one attempt.
 */
class StartupGateDeadlineTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@Test
	void deadlineCountsFromTheLaunchNotFromTheWait() {
		LaunchTime launchedEarlier = new LaunchTime(System.nanoTime() - Duration.ofMillis(1500).toNanos(),
				"the JVM's start");
		StartupTimeoutException timeout = awaitRefused(launchedEarlier, Duration.ofMillis(500), Duration.ofMillis(20));
		assertThat(timeout.getOrigin()).isEqualTo("the JVM's start");
		assertThat(timeout.getTimeout()).isEqualTo(TIMEOUT);
		// 2 s after a launch 1.5 s ago: about 0.5 s of waiting, not 2 s.
		assertThat(timeout.getWaited()).isBetween(Duration.ofMillis(400), Duration.ofMillis(1500));
		assertThat(timeout.getLastErrors()).containsEntry("db", "connection refused");
	}

	@Test
	void launchLongBeforeTheDeadlineStillGetsOneAttemptButNotItsWholeTimeout() {
		LaunchTime launchedLongAgo = new LaunchTime(System.nanoTime() - Duration.ofMinutes(5).toNanos(),
				"the JVM's start");
		StartupTimeoutException timeout = awaitRefused(launchedLongAgo, Duration.ofSeconds(2), Duration.ofMillis(200));
		// Ends once the first attempt has failed, not after its 2 s timeout.
		assertThat(timeout.getWaited()).isBetween(Duration.ofMillis(190), Duration.ofMillis(1500));
		assertThat(timeout.getLastErrors()).containsEntry("db", "connection refused");
	}

	@Test
	void launchLongBeforeTheDeadlineWaitsOneTimeoutForAHangingAttempt() {
		LaunchTime launchedLongAgo = new LaunchTime(System.nanoTime() - Duration.ofMinutes(5).toNanos(),
				"the JVM's start");
		StartupTimeoutException timeout = awaitRefused(launchedLongAgo, Duration.ofMillis(300), Duration.ofSeconds(5));
		assertThat(timeout.getWaited()).isBetween(Duration.ofMillis(290), Duration.ofMillis(2000));
		assertThat(timeout.getLastErrors()).containsEntry("db", "timed out after 300ms");
	}

	@Test
	void withoutLaunchTimeDeadlineCountsFromTheWait() {
		StartupTimeoutException timeout = awaitRefused(null, Duration.ofMillis(500), Duration.ofMillis(20));
		assertThat(timeout.getOrigin()).isEqualTo("the start of the wait");
		assertThat(timeout.getWaited()).isGreaterThanOrEqualTo(TIMEOUT);
	}

	private static StartupTimeoutException awaitRefused(LaunchTime launch, Duration checkTimeout,
			Duration attemptTakes) {
		CheckSettings settings = new CheckSettings(true, Duration.ofSeconds(10), Duration.ofMillis(50), checkTimeout, 1,
				1, Duration.ofSeconds(30));
		DependencyMonitor refused = new DependencyMonitor("db", "test", (timeout) -> {
			Thread.sleep(attemptTakes.toMillis());
			throw new ConnectException("Connection refused");
		}, settings, Redactor.none(), Clock.systemUTC(), List.of());
		try (CheckScheduler scheduler = new CheckScheduler(List.of(refused))) {
			scheduler.start();
			StartupGate gate = new StartupGate(List.of(refused), TIMEOUT, launch, Map.of());
			return catchThrowableOfType(StartupTimeoutException.class, gate::await);
		}
	}

}
