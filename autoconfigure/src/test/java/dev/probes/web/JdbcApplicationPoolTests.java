package dev.probes.web;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.FaultProxy;
import dev.probes.test.KubeletClient;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code jdbc} dependency on the application's own HikariCP pool, with PostgreSQL
 * behind a {@link FaultProxy}: a pool whose every connection the application holds is not
 * a down database, an outage does not make the check log a warning per pooled connection,
 * and the check adds at most one connection to the database.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcApplicationPoolTests {

	private static final RealServices.Database postgres = RealServices.postgres();

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	/** Allowance for scheduling on a busy machine of two shared CPUs. */
	private static final Duration MARGIN = Duration.ofMillis(500);

	/** Tells the application's connections (and the check's) from any other session. */
	private final String applicationName = "probes-test-" + UUID.randomUUID();

	private final List<Connection> held = new ArrayList<>();

	private FaultProxy proxy;

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() throws SQLException {
		if (this.proxy != null) {
			this.proxy.pass();
		}
		for (Connection connection : this.held) {
			connection.close();
		}
		if (this.context != null) {
			this.context.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Test
	void readyzStaysUpWhileApplicationHoldsEveryConnectionAndTurnsDownWhenDatabaseIsBlackHoled() throws Exception {
		int port = start("spring.datasource.hikari.maximum-pool-size=2");
		await().atMost(Duration.ofSeconds(10)).until(() -> KubeletClient.status(port, "/readyz") == 200);
		DataSource dataSource = this.context.getBean(DataSource.class);
		this.held.add(dataSource.getConnection());
		this.held.add(dataSource.getConnection());
		assertThat(pool().getIdleConnections()).isZero();
		List<String> notReady = new ArrayList<>();
		int probes = 0;
		int mostSessions = 0;
		boolean busyShown = false;
		long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
		while (System.nanoTime() < deadline) {
			KubeletClient.Answer readyz = KubeletClient.get(port, "/readyz?verbose");
			probes++;
			if (readyz == null || readyz.status() != 200) {
				notReady.add((readyz != null) ? readyz.status() + " " + readyz.body() : "no answer");
			}
			KubeletClient.Answer health = KubeletClient.get(port, "/actuator/health/postgres");
			busyShown |= health != null && health.body().contains("\"pool\":\"busy\"");
			mostSessions = Math.max(mostSessions, sessions());
			Thread.sleep(100);
		}
		System.out.printf("MEASURED busy pool: %d probes in 12 s, %d not ready, at most %d sessions%n", probes,
				notReady.size(), mostSessions);
		assertThat(notReady).as("/readyz while the application holds both connections").isEmpty();
		assertThat(busyShown).as("details show the busy pool").isTrue();
		// The pool's two and the check's own, which connects with the pool's data-source
		// properties (so its application_name), and nothing per probe.
		assertThat(mostSessions).as("sessions of the application and its check").isEqualTo(2 + 1);
		// The pool is still exhausted when the database stops answering.
		this.proxy.blackHole();
		long blackHoled = System.nanoTime();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> KubeletClient.status(port, "/readyz") == 503);
		Duration detected = Duration.ofNanos(System.nanoTime() - blackHoled);
		System.out.printf("MEASURED busy pool, black-holed: /readyz 503 after %d ms%n", detected.toMillis());
		assertThat(detected).isLessThan(INTERVAL.plus(TIMEOUT).plus(MARGIN));
		assertThat(pool().getIdleConnections()).isZero();
	}

	@Test
	void outageLogsNoValidationWarningPerIdleConnection(CapturedOutput output) throws Exception {
		int port = start("spring.datasource.hikari.maximum-pool-size=10", "spring.datasource.hikari.minimum-idle=10");
		await().atMost(Duration.ofSeconds(10)).until(() -> KubeletClient.status(port, "/readyz") == 200);
		await().atMost(Duration.ofSeconds(10)).until(() -> pool().getIdleConnections() == 10);
		int mostSessions = sessions();
		int before = output.getAll().length();
		// The database goes away and its connections with it, as in a restart or a
		// failover.
		this.proxy.refuse();
		long refused = System.nanoTime();
		while (System.nanoTime() - refused < Duration.ofSeconds(10).toNanos()) {
			mostSessions = Math.max(mostSessions, sessions());
			Thread.sleep(200);
		}
		assertThat(KubeletClient.status(port, "/readyz")).isEqualTo(503);
		this.proxy.pass();
		long passed = System.nanoTime();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> KubeletClient.status(port, "/readyz") == 200);
		long recovered = System.nanoTime() - passed;
		mostSessions = Math.max(mostSessions, sessions());
		List<String> warnings = output.getAll()
			.substring(before)
			.lines()
			.filter((line) -> line.contains(" WARN "))
			.filter((line) -> line.contains("com.zaxxer.hikari") || line.contains("dev.probes"))
			// HikariCP's housekeeper reports a starved JVM; on two shared CPUs it may be
			// one.
			.filter((line) -> !line.contains("Thread starvation or clock leap"))
			.toList();
		long validationWarnings = warnings.stream().filter((line) -> line.contains("Failed to validate")).count();
		System.out.printf(
				"MEASURED 10 s outage of a pool with 10 idle connections: %d warnings, %d of them"
						+ " 'Failed to validate connection', at most %d sessions, /readyz 200 %d ms after recovery%n",
				warnings.size(), validationWarnings, mostSessions, TimeUnit.NANOSECONDS.toMillis(recovered));
		// One for the check's own connection and one 'is DOWN' line; one per idle
		// connection of
		// the application's pool (10) would be the storm.
		assertThat(validationWarnings).as("warnings %s", warnings).isLessThanOrEqualTo(1);
		assertThat(warnings).hasSizeLessThanOrEqualTo(3);
		assertThat(mostSessions).as("sessions of the application and its check").isLessThanOrEqualTo(10 + 1);
	}

	private int start(String... poolProperties) throws IOException {
		this.proxy = FaultProxy.to(postgres.port());
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.shutdown=immediate",
				"spring.datasource.url=" + postgres.jdbcUrl(this.proxy.host(), this.proxy.port()),
				"spring.datasource.username=" + postgres.username(),
				"spring.datasource.password=" + postgres.password(),
				"spring.datasource.hikari.data-source-properties.ApplicationName=" + this.applicationName,
				"management.endpoint.health.show-details=always",
				// Spring Boot's own db indicator borrows from the pool like any borrower,
				// and
				// Probes runs it in the background: it is not the check under test here.
				"management.health.db.enabled=false", "probes.dependencies.postgres.type=jdbc",
				"probes.dependencies.postgres.interval=" + INTERVAL.toMillis() + "ms",
				"probes.dependencies.postgres.interval-when-down=500ms",
				"probes.dependencies.postgres.timeout=" + TIMEOUT.toMillis() + "ms"));
		properties.addAll(List.of(poolProperties));
		this.context = new SpringApplicationBuilder(PooledApplication.class).web(WebApplicationType.SERVLET)
			.properties(properties.toArray(String[]::new))
			.run();
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	private HikariPoolMXBean pool() throws SQLException {
		return this.context.getBean(DataSource.class).unwrap(HikariDataSource.class).getHikariPoolMXBean();
	}

	/**
	 * Count the database sessions of the application and its check, asked directly, not
	 * through the proxy.
	 */
	private int sessions() throws SQLException {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password());
				PreparedStatement statement = connection
					.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
			statement.setString(1, this.applicationName);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PooledApplication {

	}

}
