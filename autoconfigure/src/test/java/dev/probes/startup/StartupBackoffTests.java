package dev.probes.startup;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.probes.check.JdbcCheck;
import dev.probes.check.Redactor;
import dev.probes.engine.Backoff;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.CheckSettings;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyStatus;
import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retry schedule of the start-up wait, against a real PostgreSQL that refuses behind
 * a proxy: delays grow, stay under the cap, and differ between dependencies.
 */
class StartupBackoffTests {

	private static final Duration MAX = Duration.ofMillis(800);

	private final List<FaultProxy> proxies = new ArrayList<>();

	@AfterEach
	void closeProxies() {
		this.proxies.forEach(FaultProxy::close);
	}

	@Test
	void delaysBetweenAttemptsGrowStayUnderCapAndDifferAcrossDependencies() throws IOException {
		Backoff backoff = new Backoff(Duration.ofMillis(100), MAX, 2, 0.2);
		Map<String, List<Duration>> delays = new ConcurrentHashMap<>();
		Map<String, List<Long>> completions = new ConcurrentHashMap<>();
		List<DependencyMonitor> monitors = List.of(refusedDatabase("orders"), refusedDatabase("billing"));
		for (DependencyMonitor monitor : monitors) {
			monitor.backOffWhileDown(backoff);
			monitor.addListener((dependency, previous, current) -> {
				if (current.status() == DependencyStatus.DOWN) {
					delays.computeIfAbsent(dependency.name(), (name) -> new ArrayList<>())
						.add(dependency.nextAttemptIn());
					completions.computeIfAbsent(dependency.name(), (name) -> new ArrayList<>()).add(System.nanoTime());
				}
			});
		}
		try (CheckScheduler scheduler = new CheckScheduler(monitors)) {
			scheduler.start();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> delays.getOrDefault("orders", List.of()).size() >= 6
						&& delays.getOrDefault("billing", List.of()).size() >= 6);
		}
		for (String name : List.of("orders", "billing")) {
			List<Duration> scheduled = delays.get(name).subList(0, 6);
			System.out.println("MEASURED start-up backoff " + name + ": " + scheduled);
			assertThat(scheduled.subList(0, 4)).isSortedAccordingTo(Duration::compareTo).doesNotHaveDuplicates();
			assertThat(scheduled).allSatisfy((delay) -> assertThat(delay).isLessThanOrEqualTo(MAX));
			List<Long> done = completions.get(name);
			for (int i = 0; i < 5; i++) {
				// The next attempt really waited for the delay it was given (less the
				// moment between
				// scheduling it and recording the completion).
				assertThat(Duration.ofNanos(done.get(i + 1) - done.get(i)))
					.isGreaterThanOrEqualTo(scheduled.get(i).minusMillis(20));
			}
		}
		assertThat(delays.get("orders").subList(0, 6)).isNotEqualTo(delays.get("billing").subList(0, 6));
	}

	private DependencyMonitor refusedDatabase(String name) throws IOException {
		RealServices.Database postgres = RealServices.postgres();
		FaultProxy proxy = FaultProxy.to(postgres.port());
		this.proxies.add(proxy);
		proxy.refuse();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(postgres.jdbcUrl(proxy.host(), proxy.port()));
		dataSource.setUser(postgres.username());
		dataSource.setPassword(postgres.password());
		CheckSettings settings = new CheckSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(2),
				Duration.ofSeconds(2), 1, 1, Duration.ofSeconds(30));
		return new DependencyMonitor(name, "jdbc", new JdbcCheck(dataSource, null, null), settings, Redactor.none(),
				Clock.systemUTC(), List.of());
	}

}
