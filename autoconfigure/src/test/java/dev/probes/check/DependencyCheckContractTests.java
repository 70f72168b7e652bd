package dev.probes.check;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.probes.engine.CheckScheduler;
import dev.probes.engine.CheckSettings;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract that every {@link DependencyCheck} fulfils, run through the engine against a
 * real service: up when reachable, down when refused, timed out when black-holed, and
 * never showing a credential. Subclasses supply the checks and own the servers and
 * proxies behind them.
 */
abstract class DependencyCheckContractTests {

	/** Timeout of one attempt, as a dependency would declare it. */
	protected static final Duration TIMEOUT = Duration.ofMillis(500);

	/** Allowance for scheduling and thread hand-offs on a busy machine. */
	private static final Duration MARGIN = Duration.ofMillis(400);

	/** Bound on waiting for a first state, far past any outcome a test expects. */
	private static final Duration FIRST_STATE_WAIT = Duration.ofSeconds(5);

	/** Intervals of a minute, so that a test sees exactly one attempt. */
	private static final CheckSettings SETTINGS = new CheckSettings(true, Duration.ofMinutes(1), Duration.ofMinutes(1),
			TIMEOUT, 1, 1, Duration.ofMinutes(1));

	/**
	 * Return a check of a service that answers.
	 * @return the check
	 * @throws Exception when the service could not be set up
	 */
	protected abstract DependencyCheck reachableCheck() throws Exception;

	/**
	 * Return a check of a port where nothing listens, so that connecting is refused.
	 * @return the check
	 * @throws Exception when no free port could be found
	 */
	protected abstract DependencyCheck refusedCheck() throws Exception;

	/**
	 * Return a check of a service that never answers, as behind a firewall that drops
	 * packets.
	 * @return the check
	 * @throws Exception when the black hole could not be set up
	 */
	protected abstract DependencyCheck blackHoledCheck() throws Exception;

	/**
	 * Return a check configured with a secret, as the check type allows, that fails.
	 * @return the check and its secret
	 * @throws Exception when the failing target could not be set up
	 */
	protected abstract CheckWithSecret failingCheckWithSecret() throws Exception;

	@Test
	void reportsUpWhenReachable() throws Exception {
		DependencyState state = awaitFirstState(reachableCheck(), Redactor.none()).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.UP);
		assertThat(state.error()).isNull();
	}

	@Test
	void reportsDownWhenRefused() throws Exception {
		DependencyState state = awaitFirstState(refusedCheck(), Redactor.none()).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertRefusal(state.error());
	}

	/**
	 * Assert the reason a check gives when its connections are refused.
	 * @param error the reason
	 */
	protected void assertRefusal(String error) {
		assertThat(error).isEqualTo("connection refused");
	}

	@Test
	void timesOutWhenBlackHoled() throws Exception {
		FirstState first = awaitFirstState(blackHoledCheck(), Redactor.none());
		assertThat(first.state().status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(first.state().error()).contains("timed out");
		assertThat(first.elapsed()).isLessThan(TIMEOUT.plus(MARGIN));
	}

	@Test
	void neverExposesCredentials() throws Exception {
		CheckWithSecret failing = failingCheckWithSecret();
		String secret = failing.secret();
		// The engine masks the secrets the auto-configuration collects from the
		// declaration.
		DependencyState state = awaitFirstState(failing.check(), Redactor.of(List.of(secret))).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).isNotBlank().doesNotContain(secret);
		assertThat(state.details())
			.allSatisfy((name, value) -> assertThat(name + "=" + value).as("detail '%s'", name).doesNotContain(secret));
	}

	/**
	 * Run the check in a started scheduler until its monitor leaves {@code UNKNOWN}, then
	 * stop the scheduler.
	 * @param check the check to run
	 * @param redactor masks the check's secrets
	 * @return the first state and how long after {@link CheckScheduler#start()} it
	 * arrived
	 * @throws InterruptedException when the test is interrupted
	 */
	protected final FirstState awaitFirstState(DependencyCheck check, Redactor redactor) throws InterruptedException {
		DependencyMonitor monitor = new DependencyMonitor("contract", "contract", check, SETTINGS, redactor,
				Clock.systemUTC(), List.of());
		try (CheckScheduler scheduler = new CheckScheduler(List.of(monitor))) {
			long startedAt = System.nanoTime();
			scheduler.start();
			DependencyState state = monitor.state();
			while (state.status() == DependencyStatus.UNKNOWN
					&& System.nanoTime() - startedAt < FIRST_STATE_WAIT.toNanos()) {
				Thread.sleep(2);
				state = monitor.state();
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
			assertThat(state.status()).as("status %s after start", elapsed).isNotEqualTo(DependencyStatus.UNKNOWN);
			return new FirstState(state, elapsed);
		}
	}

	/**
	 * A check configured with a secret.
	 *
	 * @param check the check
	 * @param secret the password, token or user info it was given
	 */
	protected record CheckWithSecret(DependencyCheck check, String secret) {

	}

	/**
	 * The first state of a monitor.
	 *
	 * @param state the state
	 * @param elapsed how long after the scheduler started it arrived
	 */
	protected record FirstState(DependencyState state, Duration elapsed) {

	}

}
