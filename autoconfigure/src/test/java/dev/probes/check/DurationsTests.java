package dev.probes.check;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTests {

	@Test
	void formatReadsLikeAnOperatorWouldWriteIt() {
		assertThat(Durations.format(Duration.ofMillis(12))).isEqualTo("12ms");
		assertThat(Durations.format(Duration.ofMillis(1600))).isEqualTo("1.6s");
		assertThat(Durations.format(Duration.ofSeconds(2))).isEqualTo("2s");
		assertThat(Durations.format(Duration.ofSeconds(125))).isEqualTo("2m5s");
		assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
		assertThat(Durations.format(Duration.ofMinutes(133).plusSeconds(20))).isEqualTo("2h13m");
		assertThat(Durations.format(Duration.ofHours(3))).isEqualTo("3h");
		assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
		assertThat(Durations.format(Duration.ofSeconds(-1))).isEqualTo("-1s");
	}

}
