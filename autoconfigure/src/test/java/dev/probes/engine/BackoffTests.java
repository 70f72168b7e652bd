package dev.probes.engine;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTests {

	@Test
	void delayAfterWithoutJitterGrowsByMultiplierUpToMax() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), 2, 0);
		assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(400));
		assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.delayAfter(60)).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void delayAfterWithJitterStaysWithinBandAndUnderMax() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2, 0.2);
		for (int i = 0; i < 1000; i++) {
			assertThat(backoff.delayAfter(3)).isBetween(Duration.ofMillis(320), Duration.ofMillis(480));
			assertThat(backoff.delayAfter(10)).isBetween(Duration.ofMillis(4000), Duration.ofSeconds(5));
		}
	}

	@Test
	void createWithInvalidValuesThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5));
	}

}
