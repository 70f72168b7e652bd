package dev.probes.check;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.probes.test.Deadlock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DeadlockCheck} against threads of this JVM that really deadlock.
 */
class DeadlockCheckTests {

	private final DeadlockCheck check = new DeadlockCheck();

	@Test
	void reportsUpWithoutDeadlock() {
		assertThat(this.check.check(Duration.ofSeconds(1)).up()).isTrue();
	}

	@Test
	void reportsDownNamingThreadsWhileTheyDeadlockThenUpAgain() throws InterruptedException {
		try (Deadlock deadlock = Deadlock.start("probes-test-deadlock")) {
			await().atMost(Duration.ofSeconds(5)).until(() -> !this.check.check(Duration.ofSeconds(1)).up());
			assertThat(this.check.check(Duration.ofSeconds(1)).error())
				.isEqualTo("2 deadlocked threads: probes-test-deadlock-1, probes-test-deadlock-2");
		}
		assertThat(this.check.check(Duration.ofSeconds(1)).up()).isTrue();
	}

}
