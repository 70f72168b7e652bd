package dev.probes.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample against a real PostgreSQL behind a fault-injecting proxy, with the timing of
 * the design's example ({@code interval: 1s}, {@code interval-when-down: 500ms},
 * {@code timeout: 500ms}): what a kubelet sees during each kind of outage.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "probes.dependencies.database.interval=1s",
				"probes.dependencies.database.interval-when-down=500ms", "probes.dependencies.database.timeout=500ms",
				"probes.dependencies.cache.interval=1s", "probes.dependencies.cache.interval-when-down=500ms",
				"probes.dependencies.cache.timeout=500ms", "management.endpoint.health.show-details=never",
				"management.endpoint.health.show-components=always" })
class SampleApplicationOutageTests {

	private static final int PORT = FreePorts.find();

	private static final Duration DETECTION_LIMIT = Duration.ofSeconds(2);

	private static final Duration PROBE_LATENCY_LIMIT = Duration.ofMillis(50);

	private static final RealServices.Database postgres = RealServices.postgres();

	private static final FaultProxy database = proxyTo(postgres.port());

	private static final ServerSocket cacheServer = listen();

	private static final FaultProxy cache = proxyTo(cacheServer.getLocalPort());

	private static boolean warmedUp;

	private final ProbeSampler sampler = new ProbeSampler(PORT);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database.host(), database.port()));
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
		registry.add("probes.dependencies.cache.host", cache::host);
		registry.add("probes.dependencies.cache.port", cache::port);
	}

	@AfterAll
	static void stopProxies() throws IOException {
		database.close();
		cache.close();
		cacheServer.close();
	}

	@BeforeEach
	void allHealthy() {
		database.pass();
		cache.pass();
		this.sampler.until(200, System.nanoTime(), Duration.ofSeconds(15), Duration.ofMillis(300));
		if (!warmedUp) {
			// Let the JIT compile the DOWN paths too, so that the timings below measure
			// Probes.
			database.refuse();
			this.sampler.until(503, System.nanoTime(), Duration.ofSeconds(10), Duration.ofSeconds(2));
			database.pass();
			this.sampler.until(200, System.nanoTime(), Duration.ofSeconds(10), Duration.ofSeconds(1));
			warmedUp = true;
		}
		this.sampler.clear();
	}

	@Test
	void readyzWhenDatabaseRefusesTurns503AndBackWithinTwoSeconds() {
		outage("refuse", database::refuse);
	}

	@Test
	void readyzWhenDatabaseBlackHoledTurns503AndEveryAnswerArrivesWithin50Millis() {
		outage("black-hole", database::blackHole);
	}

	@Test
	void readyzWhenDatabaseResetsConnectionsTurns503AndBack() {
		outage("reset", database::reset);
	}

	@Test
	void readyzWhenDatabaseAnswersTooSlowlyTurns503AndBack() {
		outage("delay 2s", () -> database.delay(Duration.ofSeconds(2)));
	}

	@Test
	void readyzWhenNonCriticalCacheRefusesStays200() {
		cache.refuse();
		// Long enough for several failed cache checks.
		this.sampler.during(Duration.ofSeconds(3));
		assertThat(this.sampler.status("/actuator/health/cache")).isEqualTo(503);
		assertThat(this.sampler.matching((sample) -> !sample.path().startsWith("/actuator") && sample.status() != 200))
			.isEmpty();
	}

	private void outage(String fault, Runnable inject) {
		long faultAt = System.nanoTime();
		inject.run();
		// Keep probing for a while during the outage: that is when a slow probe would
		// hurt.
		Duration down = this.sampler.until(503, faultAt, Duration.ofSeconds(10), Duration.ofSeconds(2));
		long recoveredAt = System.nanoTime();
		database.pass();
		Duration up = this.sampler.until(200, recoveredAt, Duration.ofSeconds(10), Duration.ofMillis(300));
		System.out.printf(
				"MEASURED %s: readyz 503 after %dms, 200 after %dms of recovery; max latency readyz %.1fms"
						+ " livez %.1fms over %d probes%n",
				fault, down.toMillis(), up.toMillis(), this.sampler.maxLatency("/readyz").toNanos() / 1e6,
				this.sampler.maxLatency("/livez").toNanos() / 1e6,
				this.sampler.samples("/readyz").size() + this.sampler.samples("/livez").size());
		System.out.println("SLOWEST " + fault + ": " + this.sampler.slowest(5));
		assertThat(down).isLessThan(DETECTION_LIMIT);
		assertThat(up).isLessThan(DETECTION_LIMIT);
		assertThat(this.sampler.matching((sample) -> sample.path().equals("/livez") && sample.status() != 200))
			.isEmpty();
		assertThat(this.sampler.maxLatency("/readyz")).isLessThan(PROBE_LATENCY_LIMIT);
		assertThat(this.sampler.maxLatency("/livez")).isLessThan(PROBE_LATENCY_LIMIT);
	}

	private static FaultProxy proxyTo(int port) {
		try {
			return FaultProxy.to(port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ServerSocket listen() {
		try {
			return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
