package dev.probes.fleet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.probes.fleet.FleetRun.Rates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet simulation, short: 200 pods per scenario with an interval of 2 s, counted per
 * 200 ms (as the benchmark counts a 10 s interval per second), and an outage of 4 s. The
 * three scenarios run side by side, a second apart, in about 21 s.
 *
 * <p>
 * What is asserted holds by design, with margins that only a real change of behaviour
 * breaks, and that a busy machine does not: these are counts of connections, and a pause
 * of the JVM or a slow start of the pods' threads moves a few counts into the next bin,
 * whereas a fleet in lock-step leaves most bins empty and puts 5 to 10 times the mean
 * into the others. {@code benchmarks/fleet-simulation.sh} measures the full-size fleet.
 */
class FleetSimulationTests {

	private static final int PODS = 200;

	private static final Duration INTERVAL = Duration.ofSeconds(2);

	private static FleetRun jittered;

	private static FleetRun fixed;

	private static FleetRun jitteredDownFaster;

	@BeforeAll
	static void runFleets() throws Exception {
		List<CompletableFuture<FleetRun>> runs = List.of(run(0, scenario("jitter-0.1", 0.1, INTERVAL)),
				run(1, scenario("jitter-0", 0, INTERVAL)),
				run(2, scenario("jitter-0.1-down-400ms", 0.1, INTERVAL.dividedBy(5))));
		jittered = runs.get(0).get(60, TimeUnit.SECONDS);
		fixed = runs.get(1).get(60, TimeUnit.SECONDS);
		jitteredDownFaster = runs.get(2).get(60, TimeUnit.SECONDS);
		// The figures, for whoever reads the report of a failure.
		System.out.println(FleetRun.SUMMARY_HEADER);
		runs.forEach((run) -> System.out.println(run.join().summary()));
	}

	@Test
	void withJitterHealthyFleetChecksAtAboutPodsPerIntervalInEveryBin() {
		Rates healthy = jittered.healthy();
		// Delays are shortened by up to 10 %: 5 % more attempts than pods ÷ interval, on
		// average.
		assertThat(healthy.mean()).isBetween(0.9 * nominal(), 1.2 * nominal());
		// About 21 connections per bin (1.5 times that in the busiest, by chance), none
		// empty; a
		// fleet in lock-step puts up to 200 in one.
		assertThat(healthy.max()).isLessThanOrEqualTo(3 * healthy.mean());
		assertThat(healthy.idle()).isLessThanOrEqualTo(0.1);
	}

	@Test
	void withJitterAndIntervalWhenDownEqualToIntervalRecoveryCausesNoHerd() {
		double healthyMean = jittered.healthy().mean();
		assertThat(jittered.firstIntervalAfterOutage().max()).isLessThanOrEqualTo(3 * healthyMean);
		assertThat(jittered.followingIntervals().max()).isLessThanOrEqualTo(3 * healthyMean);
		assertThat(jittered.followingIntervals().idle()).isLessThanOrEqualTo(0.1);
	}

	@Test
	void withoutJitterFleetChecksInLockStepBeforeAndAfterTheOutage() {
		Rates healthy = fixed.healthy();
		// A fixed schedule: each pod once per interval (a little later, by its attempt's
		// own
		// time), all of them within the same few tenths of it.
		assertThat(healthy.mean()).isBetween(0.9 * nominal(), 1.05 * nominal());
		assertThat(healthy.idle()).isGreaterThanOrEqualTo(0.5);
		assertThat(fixed.firstIntervalAfterOutage().idle()).isGreaterThanOrEqualTo(0.5);
		assertThat(fixed.followingIntervals().idle()).isGreaterThanOrEqualTo(0.5);
	}

	@Test
	void withAShorterIntervalWhenDownFleetRetriesAtTheDownRateThenSpreadsOut() {
		// pods ÷ interval-when-down: 500/s while down (refused, seen by the pods only),
		// and
		// about the same in the 400 ms after the outage, when every pod sees that it is
		// over.
		double downRate = PODS / 0.4;
		assertThat(jitteredDownFaster.attemptsWhileDown()).isBetween(0.8 * downRate, 1.25 * downRate);
		assertThat(jitteredDownFaster.firstIntervalAfterOutage().max()).isGreaterThanOrEqualTo(0.5 * downRate);
		// Then back to the healthy rate, spread over the interval, with no repeated
		// peaks.
		double healthyMean = jitteredDownFaster.healthy().mean();
		assertThat(jitteredDownFaster.followingIntervals().max()).isLessThanOrEqualTo(3 * healthyMean);
		assertThat(jitteredDownFaster.followingIntervals().idle()).isLessThanOrEqualTo(0.1);
	}

	private static double nominal() {
		return PODS / (INTERVAL.toMillis() / 1000.0);
	}

	private static FleetScenario scenario(String name, double jitter, Duration intervalWhenDown) {
		return new FleetScenario(name, PODS, INTERVAL, intervalWhenDown, jitter, INTERVAL.multipliedBy(2), 2, 2);
	}

	private static CompletableFuture<FleetRun> run(int delaySeconds, FleetScenario scenario) {
		// A second apart, so that no two fleets start their threads at the same time.
		return CompletableFuture.supplyAsync(() -> {
			try {
				TimeUnit.SECONDS.sleep(delaySeconds);
				return FleetSimulation.run(scenario, null);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, (task) -> new Thread(task, "fleet-" + scenario.name()).start());
	}

}
