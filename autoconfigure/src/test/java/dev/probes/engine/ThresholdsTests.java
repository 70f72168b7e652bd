package dev.probes.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdsTests {

	private final Thresholds thresholds = new Thresholds(3, 2);

	@Test
	void applyWhenFirstAttemptFailsReportsDownAtOnce() {
		DependencyState state = this.thresholds.apply(DependencyState.unknown(), failure());
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).isEqualTo("connection refused");
		assertThat(state.consecutiveFailures()).isEqualTo(1);
	}

	@Test
	void applyWhenFirstAttemptSucceedsReportsUpAtOnce() {
		DependencyState state = this.thresholds.apply(DependencyState.unknown(), success());
		assertThat(state.status()).isEqualTo(DependencyStatus.UP);
		assertThat(state.error()).isNull();
	}

	@Test
	void applyWhenUpStaysUpUntilFailureThresholdIsReached() {
		DependencyState state = this.thresholds.apply(DependencyState.unknown(), success());
		state = this.thresholds.apply(state, failure());
		state = this.thresholds.apply(state, failure());
		assertThat(state.status()).isEqualTo(DependencyStatus.UP);
		assertThat(state.consecutiveFailures()).isEqualTo(2);
		assertThat(state.error()).isEqualTo("connection refused");
		state = this.thresholds.apply(state, failure());
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
	}

	@Test
	void applyWhenDownStaysDownUntilSuccessThresholdIsReached() {
		DependencyState state = this.thresholds.apply(DependencyState.unknown(), failure());
		state = this.thresholds.apply(state, success());
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.consecutiveFailures()).isZero();
		state = this.thresholds.apply(state, success());
		assertThat(state.status()).isEqualTo(DependencyStatus.UP);
	}

	@Test
	void applyWhenFailureInterruptsSuccessesStartsCountingAgain() {
		DependencyState state = this.thresholds.apply(DependencyState.unknown(), failure());
		state = this.thresholds.apply(state, success());
		state = this.thresholds.apply(state, failure());
		state = this.thresholds.apply(state, success());
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.consecutiveSuccesses()).isEqualTo(1);
	}

	@Test
	void sinceIsWhenTheStatusLastChanged() {
		DependencyState state = this.thresholds.apply(DependencyState.unknown(), success());
		Instant upSince = state.since();
		assertThat(upSince).isNotNull();
		state = this.thresholds.apply(state, success());
		assertThat(state.since()).isEqualTo(upSince);
		for (int failures = 1; failures < 3; failures++) {
			state = this.thresholds.apply(state, failure());
			assertThat(state.since()).isEqualTo(upSince);
		}
		state = this.thresholds.apply(state, failure());
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.since()).isEqualTo(state.lastChecked()).isAfterOrEqualTo(upSince);
	}

	private static AttemptOutcome success() {
		return new AttemptOutcome(true, null, false, Map.of(), Instant.now(), Duration.ofMillis(3), false);
	}

	private static AttemptOutcome failure() {
		return new AttemptOutcome(false, "connection refused", false, Map.of(), Instant.now(), Duration.ofMillis(3),
				false);
	}

}
