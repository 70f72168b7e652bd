package dev.probes.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.ApplicationProcess;
import dev.probes.test.FaultProxy;
import dev.probes.test.KubeletClient;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up wait against a real PostgreSQL behind a fault-injecting proxy, with Flyway
 * migrations, observed the way Kubernetes observes it: over HTTP on the application port,
 * and by the exit code of the process.
 */
class StartupWaitTests {

	private static final RealServices.Database postgres = RealServices.postgres();

	private final String schema = "probes_wait_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private FaultProxy proxy;

	@BeforeEach
	void startProxy() throws IOException {
		this.proxy = FaultProxy.to(postgres.port());
	}

	@AfterEach
	void cleanUp() throws Exception {
		this.proxy.close();
		postgres.dropSchemas(this.schema, this.schema + "_warm");
	}

	@Test
	void waitsWhileDatabaseRefusesThenMigratesAndBecomesReady() throws Exception {
		warmUp();
		int port = freePort();
		this.proxy.refuse();
		long launched = System.nanoTime();
		CompletableFuture<ConfigurableApplicationContext> application = CompletableFuture
			.supplyAsync(() -> new SpringApplicationBuilder(WaitingApplication.class)
				// The default backoff: 5 s between attempts by the time the database
				// answers.
				.properties(properties(port, this.proxy.port(), "probes.startup.timeout=60s").toArray(String[]::new))
				.run());
		try {
			awaitListening(port, Duration.ofSeconds(10));
			// A 503 says why from the very first answer, before the wait (a bean) even
			// exists.
			assertThat(KubeletClient.get(port, "/readyz", "Accept: application/json\r\n").body())
				.contains("\"description\":\"waiting for postgres\"", "\"waitingFor\":[\"postgres\"]");
			long refusingSince = System.nanoTime();
			List<String> unexpected = new ArrayList<>();
			int samples = 0;
			while (System.nanoTime() - refusingSince < Duration.ofSeconds(10).toNanos()) {
				int livez = status(port, "/livez");
				int readyz = status(port, "/readyz");
				int liveness = status(port, "/actuator/health/liveness");
				int readiness = status(port, "/actuator/health/readiness");
				samples++;
				if (livez != 200 || readyz != 503 || liveness != 200 || readiness != 503) {
					unexpected.add("livez " + livez + ", readyz " + readyz + ", liveness " + liveness + ", readiness "
							+ readiness);
				}
				assertThat(application).isNotDone();
				Thread.sleep(100);
			}
			assertThat(body(port, "/readyz?verbose")).contains("[-]postgres failed: reason withheld\n",
					"readyz check failed");
			KubeletClient.Answer json = KubeletClient.get(port, "/readyz", "Accept: application/json\r\n");
			assertThat(json.body()).contains("\"waitingFor\":[\"postgres\"]");
			long passed = System.nanoTime();
			this.proxy.pass();
			long readyAt = awaitStatus(port, "/readyz", 200, Duration.ofSeconds(10));
			ConfigurableApplicationContext context = application.get(10, TimeUnit.SECONDS);
			try {
				long firstUp = WaitingApplication.databaseFirstUp.get();
				System.out.printf("MEASURED start-up wait: %d probes during the wait, all livez 200 / readyz 503: %s;"
						+ " database answering (first check up) %dms after the proxy passed, /readyz 200 %dms after"
						+ " that (%dms after the proxy passed); process up %dms after launch%n", samples,
						unexpected.isEmpty(), millis(firstUp - passed), millis(readyAt - firstUp),
						millis(readyAt - passed), millis(readyAt - launched));
				assertThat(unexpected).isEmpty();
				assertThat(firstUp).isGreaterThan(passed);
				// Noticed at once by the wait's TCP watch (every 150 ms), not at the next
				// backoff
				// attempt (up to 5 s later); what follows is migrations and the rest of
				// start-up,
				// which benchmarks/startup-wait.sh measures on an idle machine.
				assertThat(Duration.ofNanos(firstUp - passed)).isLessThan(Duration.ofSeconds(1));
				assertThat(Duration.ofNanos(readyAt - passed)).isLessThan(Duration.ofSeconds(3));
				assertThat(WaitingApplication.ready.get()).isGreaterThan(firstUp);
				assertThat(WaitingApplication.jdbcTemplateUsed.get()).isGreaterThan(firstUp);
				assertThat(WaitingApplication.runnerRan.get()).isGreaterThan(firstUp);
				assertThat(status(port, "/livez")).isEqualTo(200);
				assertThat(appliedMigrations()).isEqualTo(1);
			}
			finally {
				context.close();
			}
		}
		finally {
			this.proxy.pass();
			application.cancel(true);
		}
	}

	@Test
	void servesLivenessOnEveryLivenessPathDuringWaitWithCustomBasePath() throws Exception {
		int port = freePort();
		this.proxy.refuse();
		CompletableFuture<ConfigurableApplicationContext> application = CompletableFuture.supplyAsync(
				() -> new SpringApplicationBuilder(WaitingApplication.class)
					.properties(properties(port, this.proxy.port(), "probes.startup.timeout=60s",
							"management.endpoints.web.base-path=/manage",
							"management.endpoint.health.group.liveness.additional-path=server:/healthz")
						.toArray(String[]::new))
					.run());
		try {
			awaitListening(port, "/healthz", Duration.ofSeconds(10));
			assertThat(status(port, "/healthz")).isEqualTo(200);
			assertThat(status(port, "/manage/health/liveness")).isEqualTo(200);
			assertThat(status(port, "/manage/health/readiness")).isEqualTo(503);
			assertThat(status(port, "/readyz")).isEqualTo(503);
			// Served after start-up by the configured path instead, so not during the
			// wait either.
			assertThat(status(port, "/livez")).isEqualTo(503);
			assertThat(status(port, "/actuator/health/liveness")).isEqualTo(503);
			assertThat(application).isNotDone();
		}
		finally {
			this.proxy.pass();
			application.get(30, TimeUnit.SECONDS).close();
		}
	}

	@Test
	void servesTheProbePortAndCustomReadinessPathDuringWait() throws Exception {
		int port = freePort();
		int probePort = freePort();
		this.proxy.refuse();
		CompletableFuture<ConfigurableApplicationContext> application = CompletableFuture.supplyAsync(
				() -> new SpringApplicationBuilder(WaitingApplication.class)
					.properties(properties(port, this.proxy.port(), "probes.startup.timeout=60s",
							"probes.server.port=" + probePort,
							"management.endpoint.health.group.readiness.additional-path=server:/ready")
						.toArray(String[]::new))
					.run());
		try {
			awaitListening(probePort, Duration.ofSeconds(10));
			awaitListening(port, "/ready", Duration.ofSeconds(10));
			assertThat(status(probePort, "/livez")).isEqualTo(200);
			assertThat(status(probePort, "/readyz")).isEqualTo(503);
			assertThat(body(probePort, "/readyz?verbose")).contains("postgres");
			assertThat(status(port, "/ready")).isEqualTo(503);
			assertThat(body(port, "/ready")).contains("postgres");
			assertThat(status(port, "/livez")).isEqualTo(200);
			assertThat(application).isNotDone();
			this.proxy.pass();
			awaitStatus(probePort, "/readyz", 200, Duration.ofSeconds(20));
			awaitStatus(port, "/ready", 200, Duration.ofSeconds(20));
		}
		finally {
			this.proxy.pass();
			application.get(30, TimeUnit.SECONDS).close();
		}
	}

	@Test
	void exitsNonZeroAtDeadlineNamingDependencyAndLastError() throws Exception {
		this.proxy.refuse();
		ApplicationProcess result = ApplicationProcess.run(WaitingApplication.class,
				properties(0, this.proxy.port(), "probes.startup.timeout=5s"));
		assertThat(result.exitCode()).isNotZero();
		// The deadline counts from the JVM's start, not from the wait's: about 5 s after
		// launch,
		// where counting from the wait gave 5 s plus the whole start-up before it (10 s
		// here).
		assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(9));
		assertThat(result.output()).contains("APPLICATION FAILED TO START", "still down 5s after the JVM's start",
				"the wait itself took", "postgres: connection refused");
		System.out.printf("MEASURED start-up deadline 5s: process exited with %d after %dms%n", result.exitCode(),
				result.elapsed().toMillis());
	}

	@Test
	void failsAtOnceWhenPasswordIsWrongWithoutShowingIt() throws Exception {
		RealServices.Database mariadb = RealServices.mariadb();
		String password = "wr0ng-pa55word";
		ApplicationProcess result = ApplicationProcess.run(WaitingApplication.class,
				List.of("--server.port=0", "--spring.datasource.url=" + mariadb.jdbcUrl(),
						"--spring.datasource.username=" + mariadb.username(),
						"--spring.datasource.password=" + password, "--probes.dependencies.mariadb.type=jdbc",
						"--probes.startup.wait=true", "--probes.startup.timeout=60s"));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(15));
		assertThat(result.output()).contains(
				"Critical dependency 'mariadb' failed with an error that retrying will not mend", "Access denied");
		assertThat(result.output()).doesNotContain(password);
		System.out.printf("MEASURED start-up wrong password: process exited with %d after %dms (deadline 60s)%n",
				result.exitCode(), result.elapsed().toMillis());
	}

	@Test
	void failsAtOnceWhenPostgresPasswordIsWrongWithoutShowingIt() throws Exception {
		RealServices.Database secured = RealServices.passwordPostgres();
		// The server checks passwords: the right one logs in, so a failure below is the
		// wrong one's.
		DriverManager.getConnection(secured.jdbcUrl(), secured.username(), secured.password()).close();
		String password = "wr0ng-pg-pa55word";
		ApplicationProcess result = ApplicationProcess.run(WaitingApplication.class,
				List.of("--server.port=0", "--spring.datasource.url=" + secured.jdbcUrl(),
						"--spring.datasource.username=" + secured.username(),
						"--spring.datasource.password=" + password, "--spring.flyway.enabled=false",
						"--probes.dependencies.postgres.type=jdbc", "--probes.startup.wait=true",
						"--probes.startup.timeout=60s"));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(15));
		assertThat(result.output()).contains(
				"Critical dependency 'postgres' failed with an error that retrying will not mend",
				"password authentication failed");
		assertThat(result.output()).doesNotContain(password);
		System.out.printf(
				"MEASURED start-up wrong PostgreSQL password: process exited with %d after %dms" + " (deadline 60s)%n",
				result.exitCode(), result.elapsed().toMillis());
	}

	@Test
	void failsAtOnceWhenDatabaseDoesNotExist() {
		long started = System.nanoTime();
		SpringApplicationBuilder builder = new SpringApplicationBuilder(WaitingApplication.class).properties(
				"server.port=0", "spring.datasource.url=" + postgres.jdbcUrl().replace("/test", "/no_such_db"),
				"spring.datasource.username=" + postgres.username(), "probes.dependencies.postgres.type=jdbc",
				"probes.startup.wait=true", "probes.startup.timeout=60s");
		Throwable failure = org.assertj.core.api.Assertions.catchThrowable(builder::run);
		assertThat(failure).rootCause()
			.isInstanceOf(DependencyFailedException.class)
			.hasMessageContaining("no_such_db");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
	}

	/**
	 * Start and stop the application once against the healthy database, so that the
	 * measured run's timings are Probes' reaction, not this JVM loading Flyway's classes
	 * for the first time.
	 */
	private void warmUp() throws IOException {
		int port = freePort();
		List<String> properties = new ArrayList<>(properties(port, postgres.port()));
		properties.add("spring.flyway.schemas=" + this.schema + "_warm");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WaitingApplication.class)
			.properties(properties.toArray(String[]::new))
			.run()) {
			assertThat(status(port, "/readyz")).isEqualTo(200);
		}
		WaitingApplication.databaseFirstUp.set(0);
		WaitingApplication.ready.set(0);
		WaitingApplication.jdbcTemplateUsed.set(0);
		WaitingApplication.runnerRan.set(0);
	}

	private List<String> properties(int port, int databasePort, String... extra) {
		List<String> properties = new ArrayList<>(
				List.of("server.port=" + port, "spring.datasource.url=" + postgres.jdbcUrl("127.0.0.1", databasePort),
						"spring.datasource.username=" + postgres.username(),
						"spring.datasource.password=" + postgres.password(), "spring.flyway.schemas=" + this.schema,
						"spring.flyway.locations=classpath:db/startup-wait", "probes.dependencies.postgres.type=jdbc",
						"probes.startup.wait=true"));
		properties.addAll(List.of(extra));
		return properties;
	}

	private int appliedMigrations() throws Exception {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM " + this.schema
						+ ".flyway_schema_history WHERE success AND version = '1'")) {
			result.next();
			return result.getInt(1);
		}
	}

	private static long awaitStatus(int port, String path, int status, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (status(port, path) == status) {
				return System.nanoTime();
			}
			Thread.sleep(10);
		}
		throw new AssertionError(path + " never answered " + status + " within " + limit);
	}

	private static void awaitListening(int port, Duration limit) throws InterruptedException {
		awaitListening(port, "/livez", limit);
	}

	private static void awaitListening(int port, String path, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (status(port, path) < 0) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Nothing listened on port " + port + " within " + limit);
			}
			Thread.sleep(20);
		}
	}

	private static int status(int port, String path) {
		return KubeletClient.status(port, path);
	}

	private static String body(int port, String path) {
		KubeletClient.Answer answer = KubeletClient.get(port, path);
		return (answer != null) ? answer.body() : "";
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
