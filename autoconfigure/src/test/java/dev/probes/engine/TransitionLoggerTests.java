package dev.probes.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransitionLoggerTests {

	private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

	@Test
	void downAfterUpNamesTheReasonTheFailuresAndHowLongItWasUp() {
		DependencyState up = state(DependencyStatus.UP, 0, 1, null, T0);
		Instant failed = T0.plus(Duration.ofMinutes(133)).plusSeconds(7);
		DependencyState down = state(DependencyStatus.DOWN, 3, 0, "connection refused", failed);
		assertThat(TransitionLogger.describe("postgres", up, down))
			.isEqualTo("postgres DOWN (connection refused) after 3 failures; was UP for 2h13m");
	}

	@Test
	void upAfterDownNamesTheSuccessesAndHowLongItWasDown() {
		DependencyState down = state(DependencyStatus.DOWN, 4, 0, "timed out after 2s", T0);
		DependencyState up = state(DependencyStatus.UP, 0, 1, null, T0.plusSeconds(45));
		assertThat(TransitionLogger.describe("payments", down, up))
			.isEqualTo("payments UP after 1 success; was DOWN for 45s");
	}

	@Test
	void firstResultSaysSo() {
		DependencyState unknown = DependencyState.unknown();
		assertThat(TransitionLogger.describe("cache", unknown, state(DependencyStatus.UP, 0, 1, null, T0)))
			.isEqualTo("cache UP at the first check");
		assertThat(TransitionLogger.describe("cache", unknown,
				state(DependencyStatus.DOWN, 1, 0, "unknown host cache", T0)))
			.isEqualTo("cache DOWN (unknown host cache) at the first check");
	}

	private static DependencyState state(DependencyStatus status, int failures, int successes, String error,
			Instant since) {
		return new DependencyState(status, since, Duration.ofMillis(3), failures, successes, error, false, Map.of(),
				false, since);
	}

}
