package dev.probes.engine;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SpreadTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	@Test
	void shortenNeverLengthensAndStaysWithinTheJitter() {
		List<Duration> delays = sample(() -> new Spread(0.1).shorten(INTERVAL));
		assertThat(delays).allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(9), INTERVAL));
		// Spread over the whole range, not clustered at one end.
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isLessThan(Duration.ofMillis(9200)));
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isGreaterThan(Duration.ofMillis(9800)));
	}

	@Test
	void rephaseDrawsFromTheWholeInterval() {
		List<Duration> delays = sample(() -> new Spread(0.1).rephase(INTERVAL));
		assertThat(delays).allSatisfy((delay) -> assertThat(delay).isPositive().isLessThanOrEqualTo(INTERVAL));
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isLessThan(Duration.ofSeconds(2)));
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isGreaterThan(Duration.ofSeconds(8)));
		double meanSeconds = delays.stream().mapToLong(Duration::toMillis).average().orElseThrow() / 1000;
		assertThat(meanSeconds).isBetween(4.0, 6.0);
	}

	@Test
	void noJitterKeepsTheScheduleFixed() {
		Spread none = new Spread(0);
		assertThat(sample(() -> none.shorten(INTERVAL))).containsOnly(INTERVAL);
		assertThat(sample(() -> none.rephase(INTERVAL))).containsOnly(INTERVAL);
	}

	@Test
	void jitterOutsideZeroToOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Spread(-0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Spread(1.5));
	}

	private static List<Duration> sample(java.util.function.Supplier<Duration> delay) {
		return IntStream.range(0, 2000).mapToObj((i) -> delay.get()).toList();
	}

}
