package dev.probes.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SpreadTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Duration WHEN_DOWN = Duration.ofSeconds(2);

	@Test
	void shortenNeverLengthensAndStaysWithinTheJitter() {
		List<Duration> delays = sample(() -> new Spread(0.1).shorten(INTERVAL));
		assertThat(delays).allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(9), INTERVAL));
		// Spread over the whole range, not clustered at one end.
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isLessThan(Duration.ofMillis(9200)));
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isGreaterThan(Duration.ofMillis(9800)));
	}

	@Test
	void rephaseAfterAnAttemptOnNoScheduleDrawsFromTheWholeInterval() {
		List<Duration> delays = sample(() -> new Spread(0.1).rephase(INTERVAL, Duration.ZERO));
		assertThat(delays).allSatisfy((delay) -> assertThat(delay).isPositive().isLessThanOrEqualTo(INTERVAL));
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isLessThan(Duration.ofSeconds(2)));
		assertThat(delays).anySatisfy((delay) -> assertThat(delay).isGreaterThan(Duration.ofSeconds(8)));
		double meanSeconds = delays.stream().mapToLong(Duration::toMillis).average().orElseThrow() / 1000;
		assertThat(meanSeconds).isBetween(4.0, 6.0);
	}

	@Test
	void rephaseAfterAShorterScheduleStepsBackByWholeShorterDelays() {
		List<Duration> delays = sample(() -> new Spread(0.1).rephase(INTERVAL, WHEN_DOWN));
		// 10, 8, 6, 4 or 2 s, each shortened by up to 10 %: never longer than the
		// interval, never
		// shorter than 90 % of the shorter delay.
		assertThat(
				delays)
			.allSatisfy((delay) -> assertThat(IntStream.rangeClosed(1, 5)
				.anyMatch((steps) -> isBetween(delay, WHEN_DOWN.multipliedBy(steps).multipliedBy(9).dividedBy(10),
						WHEN_DOWN.multipliedBy(steps))))
				.isTrue());
		IntStream.rangeClosed(1, 5)
			.forEach((steps) -> assertThat(delays).anySatisfy((delay) -> assertThat(delay).isBetween(
					WHEN_DOWN.multipliedBy(steps).multipliedBy(9).dividedBy(10), WHEN_DOWN.multipliedBy(steps))));
	}

	@Test
	void rephaseSpreadsChangesSpreadOverAShorterScheduleEvenlyOverTheInterval() {
		// Pods on interval-when-down change status at their own phase of it, anywhere in
		// 2 s;
		// their next attempts land evenly over the next 10 s, after the last of them
		// changed.
		Spread spread = new Spread(0.1);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int[] perSecond = new int[13];
		int pods = 100_000;
		for (int i = 0; i < pods; i++) {
			long changedAt = random.nextLong(WHEN_DOWN.toNanos());
			long next = changedAt + spread.rephase(INTERVAL, WHEN_DOWN).toNanos();
			perSecond[(int) Duration.ofNanos(next).toSeconds()]++;
		}
		int even = pods / 10;
		// 1 % land before 2 s, by the shortening of the 2 s step; a delay drawn from the
		// whole
		// interval would bring back 10 % while other pods are still changing.
		assertThat(perSecond[0] + perSecond[1]).isLessThan(even / 5);
		// Seconds 2 to 10 get a tenth each; the shortening moves half of the last
		// second's
		// share into them.
		IntStream.rangeClosed(2, 10)
			.forEach((second) -> assertThat(perSecond[second]).isBetween(even * 9 / 10, even * 6 / 5));
	}

	@Test
	void rephaseAfterASameOrLongerScheduleKeepsThePhase() {
		assertThat(sample(() -> new Spread(0.1).rephase(INTERVAL, INTERVAL)))
			.allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofSeconds(9), INTERVAL));
		assertThat(sample(() -> new Spread(0.1).rephase(WHEN_DOWN, INTERVAL)))
			.allSatisfy((delay) -> assertThat(delay).isBetween(Duration.ofMillis(1800), WHEN_DOWN));
	}

	@Test
	void noJitterKeepsTheScheduleFixed() {
		Spread none = new Spread(0);
		assertThat(sample(() -> none.shorten(INTERVAL))).containsOnly(INTERVAL);
		assertThat(sample(() -> none.rephase(INTERVAL, Duration.ZERO))).containsOnly(INTERVAL);
		assertThat(sample(() -> none.rephase(INTERVAL, WHEN_DOWN))).containsOnly(INTERVAL);
	}

	@Test
	void jitterOutsideZeroToOneIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Spread(-0.1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Spread(1.5));
	}

	private static boolean isBetween(Duration delay, Duration min, Duration max) {
		return delay.compareTo(min) >= 0 && delay.compareTo(max) <= 0;
	}

	private static List<Duration> sample(java.util.function.Supplier<Duration> delay) {
		return IntStream.range(0, 2000).mapToObj((i) -> delay.get()).toList();
	}

}
