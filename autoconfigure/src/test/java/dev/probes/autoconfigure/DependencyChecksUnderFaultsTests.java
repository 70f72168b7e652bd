package dev.probes.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.StateListener;
import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;
import dev.probes.test.RealServices.Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Threads and connections stay within their documented bound while dependencies hang, and
 * nothing is left behind once the checks stop: thousands of attempts against PostgreSQL
 * (a {@code jdbc} dependency with a pool of its own) and an HTTP service that never
 * answer, declared through the auto-configuration as an application declares them.
 *
 * <p>
 * Attempts time out after a few milliseconds, so that the hangs add up quickly; each one
 * is abandoned and interrupted, and the next one must wait for its thread.
 */
class DependencyChecksUnderFaultsTests {

	private static final String APPLICATION_NAME = "probes-under-faults";

	/**
	 * Dependencies of each type: enough that a leak of one thread per dependency shows.
	 */
	private static final int PER_TYPE = 8;

	private static final String TIMEOUT = "5ms";

	/**
	 * Threads the checks may hold while their dependencies hang, as documented: the
	 * timer, a worker per dependency, HikariCP's housekeeper, connection adder and
	 * connection closer for each pool of its own, an HTTP client's executor and selector
	 * for each http check, and, on a JVM with fewer than three processors, the JDK's
	 * short-lived thread that hands a response over, at most one at a time per http
	 * check.
	 */
	private static final int THREAD_BOUND = 1 + 2 * PER_TYPE + 3 * PER_TYPE + 2 * PER_TYPE + PER_TYPE;

	/**
	 * Connections a check may hold, as the proxy sees them: the one in flight and the one
	 * abandoned before it, until its own timeout; and one more, as the proxy sees a
	 * closed connection up to 20 ms late while an attempt takes about 6 ms; and two more
	 * for a pause of the JVM or of the proxy's threads on a loaded machine (33 seen once
	 * on 8 http checks), which delays closes. A leak grows with the thousands of attempts
	 * instead.
	 */
	private static final int CONNECTION_BOUND = 5 * PER_TYPE;

	/**
	 * Threads of the JVM's own that may start on first use, during the test or after it.
	 */
	private static final int JVM_THREADS = 5;

	private final Database database = RealServices.postgres();

	private HttpServer server;

	private FaultProxy databaseProxy;

	private FaultProxy serviceProxy;

	@BeforeEach
	void start() throws IOException, SQLException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/ready", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.server.start();
		this.databaseProxy = FaultProxy.to(this.database.port());
		this.serviceProxy = FaultProxy.to(this.server.getAddress().getPort());
		// Loads the driver, once per JVM, before any thread is counted.
		assertThat(databaseConnections()).isZero();
	}

	@AfterEach
	void stop() {
		this.databaseProxy.close();
		this.serviceProxy.close();
		this.server.stop(0);
	}

	@Test
	void tenThousandAttemptsAgainstBlackHoledDependenciesStayWithinBoundAndLeaveNothingBehind() {
		attemptAndCount(FaultProxy::blackHole, 10_000);
	}

	@Test
	void attemptsWhileConnectsAreDroppedStayWithinBoundAndLeaveNothingBehind() {
		attemptAndCount(FaultProxy::dropConnects, 2_000);
	}

	private void attemptAndCount(Consumer<FaultProxy> fault, int attempts) {
		fault.accept(this.databaseProxy);
		fault.accept(this.serviceProxy);
		// Threads of earlier tests in this JVM may come and go: only new ones count.
		Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
		AttemptCounter counter = new AttemptCounter();
		contextRunner(counter).run((context) -> {
			Peaks peaks = new Peaks(before);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
				peaks.sample();
				return counter.total() >= attempts;
			});
			// While a pool of its own is empty, a jdbc attempt first connects directly,
			// which the
			// driver's socket timeout (1 s, its least) ends rather than an interrupt: a
			// few jdbc
			// attempts per second and dependency, thousands of http ones. Every
			// dependency retries.
			assertThat(counter.byType().get("http")).isGreaterThan(attempts / 4);
			assertThat(counter.byType().get("jdbc")).isGreaterThanOrEqualTo(2L * PER_TYPE);
			assertThat(peaks.threads).as(peaks.threadsAtPeak).isLessThanOrEqualTo(THREAD_BOUND + JVM_THREADS);
			assertThat(peaks.databaseConnections).isLessThanOrEqualTo(CONNECTION_BOUND);
			assertThat(peaks.serviceConnections).isLessThanOrEqualTo(CONNECTION_BOUND);
			// Once the database answers, each pool opens its one connection, and no
			// connect attempt left hanging keeps another: one that an abandoned attempt
			// left in flight may complete now and is closed at once, and a pool that
			// replaces a connection may hold both for a moment (PostgreSQL lists a
			// session until its backend exits), so the count must come back to one per
			// pool and stay there.
			this.databaseProxy.pass();
			await().atMost(Duration.ofSeconds(10)).until(() -> databaseConnections() == PER_TYPE);
			await().during(Duration.ofMillis(1500))
				.atMost(Duration.ofSeconds(10))
				.until(() -> databaseConnections() == PER_TYPE);
		});
		// No thread the checks started outlives them; the JDK's HTTP client ends its
		// selector
		// thread within 3 s of being garbage collected.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			System.gc();
			assertThat(newThreads(before)).noneMatch(DependencyChecksUnderFaultsTests::isStartedByChecks)
				.hasSizeLessThanOrEqualTo(JVM_THREADS);
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> databaseConnections() == 0);
		assertThat(this.databaseProxy.openConnections()).isZero();
		assertThat(this.serviceProxy.openConnections()).isZero();
	}

	private ApplicationContextRunner contextRunner(StateListener listener) {
		List<String> properties = new ArrayList<>();
		for (int i = 1; i <= PER_TYPE; i++) {
			String database = "probes.dependencies.db-" + i + ".";
			properties.add(database + "type=jdbc");
			properties
				.add(database + "url=" + this.database.jdbcUrl(this.databaseProxy.host(), this.databaseProxy.port())
						+ "?ApplicationName=" + APPLICATION_NAME);
			properties.add(database + "username=" + this.database.username());
			properties.add(database + "password=" + this.database.password());
			String service = "probes.dependencies.api-" + i + ".";
			properties.add(service + "type=http");
			properties
				.add(service + "url=http://" + this.serviceProxy.host() + ":" + this.serviceProxy.port() + "/ready");
			for (String dependency : List.of(database, service)) {
				properties.add(dependency + "timeout=" + TIMEOUT);
				// No shorter than the timeout (a configuration error); down, they retry
				// every 1 ms.
				properties.add(dependency + "interval=" + TIMEOUT);
				properties.add(dependency + "interval-when-down=1ms");
			}
		}
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class))
			.withBean(StateListener.class, () -> listener)
			.withPropertyValues(properties.toArray(String[]::new));
	}

	private int databaseConnections() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.database.jdbcUrl(), this.database.username(),
				this.database.password());
				PreparedStatement statement = connection
					.prepareStatement("select count(*) from pg_stat_activity where application_name = ?")) {
			statement.setString(1, APPLICATION_NAME);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	/**
	 * Names of the live threads started since, but for the test's own: its proxies' (they
	 * follow the connections, which are counted) and its waits'.
	 */
	private static List<String> newThreads(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread))
			.map(Thread::getName)
			.filter((name) -> !name.startsWith("fault-proxy-") && !name.startsWith("awaitility"))
			.sorted()
			.toList();
	}

	/** Whether a thread is one of the engine's, a pool's or an HTTP client's. */
	private static boolean isStartedByChecks(String name) {
		return name.startsWith("probes-") || name.startsWith("HttpClient-");
	}

	/** Counts completed attempts, by check type. */
	private static final class AttemptCounter implements StateListener {

		private final Map<String, AtomicLong> byType = Map.of("jdbc", new AtomicLong(), "http", new AtomicLong());

		@Override
		public void attemptCompleted(DependencyMonitor dependency, DependencyState previous, DependencyState current) {
			this.byType.get(dependency.type()).incrementAndGet();
		}

		long total() {
			return this.byType.values().stream().mapToLong(AtomicLong::get).sum();
		}

		Map<String, Long> byType() {
			return new TreeMap<>(this.byType.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().get())));
		}

	}

	/** The highest counts seen while the dependencies hang. */
	private final class Peaks {

		private final Set<Thread> before;

		private int threads;

		private String threadsAtPeak = "";

		private int databaseConnections;

		private int serviceConnections;

		Peaks(Set<Thread> before) {
			this.before = before;
		}

		void sample() {
			List<String> names = newThreads(this.before);
			if (names.size() > this.threads) {
				this.threads = names.size();
				this.threadsAtPeak = names.stream()
					.collect(Collectors.groupingBy((name) -> name.replaceAll("[0-9]+", "#"), TreeMap::new,
							Collectors.counting()))
					.toString();
			}
			this.databaseConnections = Math.max(this.databaseConnections,
					DependencyChecksUnderFaultsTests.this.databaseProxy.openConnections());
			this.serviceConnections = Math.max(this.serviceConnections,
					DependencyChecksUnderFaultsTests.this.serviceProxy.openConnections());
		}

	}

}
