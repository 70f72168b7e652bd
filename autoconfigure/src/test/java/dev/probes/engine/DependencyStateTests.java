package dev.probes.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyStateTests {

	private static final Instant CHECKED = Instant.parse("2026-01-01T10:00:00Z");

	@Test
	void asSeenAtWhenUpResultIsFreshStaysUp() {
		DependencyState state = up().asSeenAt(CHECKED.plusSeconds(30), Duration.ofSeconds(30));
		assertThat(state.status()).isEqualTo(DependencyStatus.UP);
	}

	@Test
	void asSeenAtWhenUpResultIsStaleReportsDown() {
		DependencyState state = up().asSeenAt(CHECKED.plusSeconds(31), Duration.ofSeconds(30));
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).isEqualTo("stale: last checked 31s ago");
	}

	@Test
	void asSeenAtWhenUnknownStaysUnknown() {
		DependencyState state = DependencyState.unknown().asSeenAt(CHECKED, Duration.ofSeconds(1));
		assertThat(state.status()).isEqualTo(DependencyStatus.UNKNOWN);
	}

	private static DependencyState up() {
		return new DependencyState(DependencyStatus.UP, CHECKED, Duration.ofMillis(4), 0, 1, null, false, Map.of(),
				false, CHECKED);
	}

}
