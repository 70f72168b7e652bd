package dev.probes.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.probes.test.Deadlock;
import dev.probes.test.KubeletClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /livez} and {@code /readyz} as a prober sees them, over real HTTP on the
 * application port; subclasses run it on a web stack.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractProbeEndpointsTests {

	private static final String SECRET = "pr0be-s3cret";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<AutoCloseable> resources = new ArrayList<>();

	private ConfigurableApplicationContext context;

	/**
	 * Return the web stack to run on.
	 * @return the application type
	 */
	protected abstract WebApplicationType webApplicationType();

	/**
	 * Return auto-configurations that the web stack's test class path would otherwise
	 * bring in twice.
	 * @return class names
	 */
	protected List<String> excludedAutoConfigurations() {
		return List.of();
	}

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@Test
	void livezAndReadyzWhenDependenciesUpAnswer200() throws IOException {
		int port = listeningPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			assertThat(get(base + "/livez").statusCode()).isEqualTo(200);
		}, tcp("postgres", port, true));
	}

	@Test
	void livezAndReadyzStayOnApplicationPortWhenManagementHasItsOwn() throws IOException {
		int port = listeningPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			assertThat(get(base + "/livez").statusCode()).isEqualTo(200);
			assertThat(get(base + "/actuator/health").statusCode()).isEqualTo(404);
		}, tcp("postgres", port, true), "management.server.port=0");
	}

	@Test
	void probesMovedToManagementPortAreAnsweredThereAheadOfDispatch() throws IOException {
		int port = listeningPort();
		run((base) -> {
			String management = "http://127.0.0.1:"
					+ this.context.getEnvironment().getProperty("local.management.port");
			awaitStatus(management + "/readyz", 200);
			assertThat(get(management + "/readyz").body()).isEqualTo("ok");
			assertThat(get(management + "/livez?verbose").body())
				.isEqualTo("[+]livenessState ok\nlivez check passed\n");
			assertThat(get(management + "/readyz/postgres").body()).isEqualTo("ok");
			assertThat(get(base + "/readyz").statusCode()).isEqualTo(404);
		}, tcp("postgres", port, true), "management.server.port=0",
				"management.endpoint.health.group.liveness.additional-path=management:/livez",
				"management.endpoint.health.group.readiness.additional-path=management:/readyz");
	}

	@Test
	void readyzWhenCriticalDependencyRefusedAnswers503AndLivezStays200() throws IOException {
		int closed = closedPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 503);
			assertThat(get(base + "/livez").statusCode()).isEqualTo(200);
			assertThat(get(base + "/actuator/health/liveness").statusCode()).isEqualTo(200);
		}, tcp("postgres", closed, true));
	}

	@Test
	void readyzAgreesWithActuatorReadinessGroup() throws IOException {
		int closed = closedPort();
		int open = listeningPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 503);
			HttpResponse<String> readyz = getJson(base + "/readyz");
			HttpResponse<String> readiness = get(base + "/actuator/health/readiness");
			assertThat(readyz.statusCode()).isEqualTo(readiness.statusCode());
			assertThat(readyz.body()).isEqualTo(readiness.body());
			assertThat(getJson(base + "/livez").body()).isEqualTo(get(base + "/actuator/health/liveness").body());
		}, tcp("postgres", closed, true), tcp("billing", open, true));
	}

	@Test
	void readyzWhenNonCriticalDependencyDownAnswers200AndShowsItElsewhere() throws IOException {
		int open = listeningPort();
		int closed = closedPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> get(base + "/actuator/health/cache").body().contains("\"DOWN\""));
			assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
			assertThat(get(base + "/readyz").body()).doesNotContain("cache");
		}, tcp("postgres", open, true), tcp("cache", closed, false), "management.endpoint.health.show-details=always",
				"management.endpoint.health.group.readiness.show-details=always");
	}

	@Test
	void readyzBeforeFirstResultAnswers503() throws IOException {
		CountDownLatch release = new CountDownLatch(1);
		HttpServer server = httpServer(release);
		String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ready";
		run((base) -> {
			HttpResponse<String> readyz = getJson(base + "/readyz");
			assertThat(readyz.statusCode()).isEqualTo(503);
			assertThat(readyz.body()).contains("not checked yet");
			release.countDown();
			awaitStatus(base + "/readyz", 200);
		}, http("payments", url, "timeout=30s"), "probes.dependencies.payments.interval=30s",
				"management.endpoint.health.group.readiness.show-details=always");
	}

	@Test
	void readyzWithDetailsShowsStateAndNeverCredentials(CapturedOutput output) throws IOException {
		int closed = closedPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 503);
			await().atMost(Duration.ofSeconds(5)).until(() -> getJson(base + "/readyz").body().contains("payments"));
			String body = getJson(base + "/readyz").body();
			assertThat(body).contains("\"error\":\"connection refused\"", "\"consecutiveFailures\"", "\"latency\"",
					"\"lastChecked\"", "\"type\":\"http\"", "\"type\":\"jdbc\"");
			assertThat(body).doesNotContain(SECRET);
			assertThat(get(base + "/actuator/health").body()).doesNotContain(SECRET);
			assertThat(output).contains("payments DOWN (connection refused) at the first check").doesNotContain(SECRET);
		}, http("payments", "http://127.0.0.1:" + closed + "/ready", "headers.Authorization=Bearer " + SECRET),
				jdbc("ledger", "jdbc:postgresql://127.0.0.1:" + closed + "/ledger?password=" + SECRET, SECRET),
				"management.endpoint.health.show-details=always",
				"management.endpoint.health.group.readiness.show-details=always");
	}

	@Test
	void globalShowDetailsShowsDetailsOnProbeGroupsAndPerDependencyPath() throws IOException {
		int port = listeningPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			assertThat(getJson(base + "/readyz").body()).contains("\"postgres\":{\"details\":{", "\"type\":\"tcp\"");
			assertThat(getJson(base + "/actuator/health/readiness").body()).contains("\"postgres\":{\"details\":{",
					"\"type\":\"tcp\"");
			HttpResponse<String> postgres = getJson(base + "/actuator/health/postgres");
			assertThat(postgres.statusCode()).isEqualTo(200);
			assertThat(postgres.body()).contains("\"type\":\"tcp\"", "\"status\":\"UP\"");
		}, tcp("postgres", port, true), "management.endpoint.health.show-details=always");
	}

	@Test
	void perDependencyPathFollowsShowComponentsAsEveryContributorDoes() throws IOException {
		int port = listeningPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			// Spring Boot's rule for every contributor: no components shown, no component
			// path.
			assertThat(getJson(base + "/actuator/health/postgres").statusCode()).isEqualTo(404);
		}, tcp("postgres", port, true));
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			HttpResponse<String> postgres = getJson(base + "/actuator/health/postgres");
			assertThat(postgres.statusCode()).isEqualTo(200);
			assertThat(postgres.body()).isEqualTo("{\"status\":\"UP\"}");
		}, tcp("postgres", port, true), "management.endpoint.health.show-components=always");
	}

	@Test
	void livezWhenThreadsDeadlockAnswers503AndReadyzStays200() throws IOException {
		int port = listeningPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			assertThat(get(base + "/livez?verbose").body()).contains("[+]deadlocks ok");
			assertThat(get(base + "/readyz?verbose").body()).doesNotContain("deadlocks");
			try (Deadlock deadlock = Deadlock.start("probes-web-deadlock")) {
				// Checked every 5 s in the background.
				awaitStatus(base + "/livez", 503);
				assertThat(get(base + "/livez?verbose").body()).contains("[-]deadlocks failed: reason withheld");
				assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
			}
			awaitStatus(base + "/livez", 200);
		}, tcp("postgres", port, true), "probes.liveness.deadlock-detection=true");
	}

	@Test
	void readyzWithoutDetailsRevealsStatusOnly() throws IOException {
		int closed = closedPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 503);
			assertThat(getJson(base + "/readyz").body()).isEqualTo("{\"status\":\"DOWN\"}");
		}, tcp("postgres", closed, true));
	}

	@Test
	void readyzWhenReadyAnswersOkAsPlainText() throws IOException {
		int port = listeningPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			HttpResponse<String> readyz = get(base + "/readyz");
			assertThat(readyz.body()).isEqualTo("ok");
			assertThat(readyz.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/plain;charset=utf-8"));
			assertThat(get(base + "/readyz", "*/*").body()).isEqualTo("ok");
			assertThat(get(base + "/livez").body()).isEqualTo("ok");
		}, tcp("postgres", port, true));
	}

	@Test
	void readyzVerboseListsEveryCheckThenPassed() throws IOException {
		int port = listeningPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			assertThat(get(base + "/readyz?verbose").body()).contains("[+]postgres ok\n", "[+]readinessState ok\n")
				.endsWith("readyz check passed\n");
			assertThat(get(base + "/livez?verbose").body()).isEqualTo("[+]livenessState ok\nlivez check passed\n");
		}, tcp("postgres", port, true));
	}

	@Test
	void readyzWhenFailingListsChecksWithReasonsWithheld() throws IOException {
		int open = listeningPort();
		int closed = closedPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 503);
			for (String path : List.of("/readyz", "/readyz?verbose")) {
				HttpResponse<String> readyz = get(base + path);
				assertThat(readyz.statusCode()).isEqualTo(503);
				assertThat(readyz.body())
					.contains("[-]postgres failed: reason withheld\n", "[+]billing ok\n", "[+]readinessState ok\n")
					.endsWith("readyz check failed\n")
					.doesNotContain("refused");
			}
		}, tcp("postgres", closed, true), tcp("billing", open, true));
	}

	@Test
	void readyzExcludeSkipsCheckAndWarnsAboutUnknownNames() throws IOException {
		int closed = closedPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 503);
			HttpResponse<String> excluded = get(base + "/readyz?exclude=postgres");
			assertThat(excluded.statusCode()).isEqualTo(200);
			assertThat(excluded.body()).isEqualTo("ok");
			assertThat(get(base + "/readyz?verbose&exclude=postgres").body())
				.contains("[+]postgres excluded: ok\n", "[+]readinessState ok\n")
				.endsWith("readyz check passed\n");
			assertThat(get(base + "/readyz?exclude=postgres&exclude=nope").body()).isEqualTo("ok");
			HttpResponse<String> unknown = get(base + "/readyz?verbose&exclude=postgres&exclude=nope&exclude=other");
			assertThat(unknown.statusCode()).isEqualTo(200);
			assertThat(unknown.body()).contains(
					"warn: some health checks cannot be excluded: no matches for \"nope\",\"other\"\n",
					"readyz check passed\n");
			HttpResponse<String> stillFailing = get(base + "/readyz?exclude=readinessState");
			assertThat(stillFailing.statusCode()).isEqualTo(503);
			assertThat(stillFailing.body()).contains("[+]readinessState excluded: ok\n",
					"[-]postgres failed: reason withheld\n");
		}, tcp("postgres", closed, true));
	}

	@Test
	void probePathPerCheckAnswersForThatCheckAlone() throws IOException {
		int open = listeningPort();
		int closed = closedPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 503);
			assertThat(get(base + "/readyz/billing").statusCode()).isEqualTo(200);
			assertThat(get(base + "/readyz/billing").body()).isEqualTo("ok");
			assertThat(get(base + "/readyz/postgres").statusCode()).isEqualTo(503);
			assertThat(get(base + "/readyz/readinessState").statusCode()).isEqualTo(200);
			assertThat(get(base + "/livez/livenessState").body()).isEqualTo("ok");
			assertThat(get(base + "/readyz/no-such-check").statusCode()).isEqualTo(404);
		}, tcp("postgres", closed, true), tcp("billing", open, true));
	}

	@Test
	void readyzWhenClientAsksForJsonAnswersActuatorShape() throws IOException {
		int port = listeningPort();
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			HttpResponse<String> json = getJson(base + "/readyz");
			assertThat(json.body()).contains("\"postgres\":{\"details\":{\"type\":\"tcp\"")
				.endsWith("\"status\":\"UP\"}");
			assertThat(json.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			HttpResponse<String> actuator = get(base + "/readyz", "application/vnd.spring-boot.actuator.v3+json");
			// A check may run between two requests: its time and latency may differ.
			assertThat(withoutTimes(actuator.body())).isEqualTo(withoutTimes(json.body()));
			assertThat(actuator.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/vnd.spring-boot.actuator.v3+json"));
			assertThat(withoutTimes(json.body()))
				.isEqualTo(withoutTimes(get(base + "/actuator/health/readiness").body()));
		}, tcp("postgres", port, true), "management.endpoint.health.group.readiness.show-details=always");
	}

	private static String withoutTimes(String json) {
		return json.replaceAll("\"(lastChecked|latency)\":\"[^\"]*\"", "\"$1\":\"...\"");
	}

	@Test
	void readyzWhenReadinessMemberIsSlowAnswersAtOnceAndRunsItInTheBackground() throws IOException {
		int port = listeningPort();
		SlowIndicatorConfiguration.calls.set(0);
		run((base) -> {
			awaitStatus(base + "/readyz", 200);
			int callsBefore = SlowIndicatorConfiguration.calls.get();
			long started = System.nanoTime();
			// A new connection per request, as the kubelet probes (see the known issue in
			// docs/design-notes.md about kept-alive connections on Boot 4.0.x with
			// WebFlux).
			int appPort = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
			for (int i = 0; i < 50; i++) {
				assertThat(KubeletClient.status(appPort, "/readyz")).isEqualTo(200);
				assertThat(KubeletClient.status(appPort, "/actuator/health/readiness")).isEqualTo(200);
				assertThat(KubeletClient.status(appPort, "/actuator/health")).isEqualTo(200);
			}
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			// 150 answers in all; one call of the indicator alone takes 5 s.
			assertThat(elapsed).isLessThan(Duration.ofSeconds(4));
			assertThat(SlowIndicatorConfiguration.calls.get() - callsBefore).isLessThanOrEqualTo(1);
			assertThat(get(base + "/readyz?verbose").body()).contains("[+]slow ok\n");
		}, tcp("postgres", port, true), "test.slow-indicator=true",
				"management.endpoint.health.group.readiness.include=readinessState,slow",
				// The indicator answers UP after 5 s: the background attempt may take
				// that long.
				"probes.dependencies.slow-check.type=health", "probes.dependencies.slow-check.contributor=slow",
				"probes.dependencies.slow-check.timeout=10s", "probes.dependencies.slow-check.interval=30s");
	}

	@Test
	void readyzAndActuatorReadinessAgreeAfterEachTransitionOfFlappingDependency() throws Exception {
		int port = closedPort();
		run((base) -> {
			for (int flip = 0; flip < 3; flip++) {
				awaitStatus(base + "/readyz", 503);
				assertThat(get(base + "/actuator/health/readiness").statusCode()).isEqualTo(503);
				try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
					awaitStatus(base + "/readyz", 200);
					assertThat(get(base + "/actuator/health/readiness").statusCode()).isEqualTo(200);
					assertThat(get(base + "/actuator/health/postgres").body()).contains("\"UP\"");
				}
			}
		}, tcp("postgres", port, true), "management.endpoint.health.show-details=always");
	}

	private void run(ThrowingConsumer<String> probe, Object... properties) {
		List<String> values = new ArrayList<>();
		values.add("server.port=0");
		// Nothing to drain here; Netty's graceful shutdown would wait for the client's
		// idle connections.
		values.add("server.shutdown=immediate");
		// No application database here: jdbc dependencies in these tests bring their own
		// URL.
		List<String> excluded = new ArrayList<>(
				List.of("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"));
		excluded.addAll(excludedAutoConfigurations());
		values.add("spring.autoconfigure.exclude=" + String.join(",", excluded));
		for (Object property : properties) {
			if (property instanceof String[] array) {
				values.addAll(List.of(array));
			}
			else {
				values.add((String) property);
			}
		}
		// A SpringApplication, not a context runner: readiness follows its lifecycle
		// events.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProbedApplication.class)
			.web(webApplicationType())
			.properties(values.toArray(String[]::new))
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			this.context = context;
			probe.accept("http://127.0.0.1:" + port);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected HttpResponse<String> get(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	protected HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Accept", accept)
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	protected HttpResponse<String> getJson(String url) throws IOException, InterruptedException {
		return get(url, "application/json");
	}

	private void awaitStatus(String url, int status) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> get(url).statusCode() == status);
	}

	private int listeningPort() throws IOException {
		ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.resources.add(socket);
		return socket.getLocalPort();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private HttpServer httpServer(CountDownLatch release) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/ready", (exchange) -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		server.start();
		this.resources.add(() -> {
			release.countDown();
			server.stop(0);
		});
		return server;
	}

	private static String[] tcp(String name, int port, boolean critical) {
		String prefix = "probes.dependencies." + name + ".";
		return new String[] { prefix + "type=tcp", prefix + "host=127.0.0.1", prefix + "port=" + port,
				prefix + "critical=" + critical, prefix + "interval=200ms", prefix + "interval-when-down=200ms",
				prefix + "timeout=200ms" };
	}

	private static String[] http(String name, String url, String extra) {
		String prefix = "probes.dependencies." + name + ".";
		return new String[] { prefix + "type=http", prefix + "url=" + url, prefix + extra,
				prefix + "interval-when-down=200ms" };
	}

	private static String[] jdbc(String name, String url, String password) {
		String prefix = "probes.dependencies." + name + ".";
		return new String[] { prefix + "type=jdbc", prefix + "url=" + url, prefix + "username=probe",
				prefix + "password=" + password, prefix + "interval-when-down=200ms" };
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SlowIndicatorConfiguration.class)
	static class ProbedApplication {

	}

	/**
	 * A user's own health indicator that takes 5 s to answer, as one whose database
	 * hangs.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("test.slow-indicator")
	static class SlowIndicatorConfiguration {

		static final AtomicInteger calls = new AtomicInteger();

		@Bean
		HealthIndicator slowHealthIndicator() {
			return () -> {
				calls.incrementAndGet();
				try {
					Thread.sleep(5000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return Health.up().build();
			};
		}

	}

	@FunctionalInterface
	interface ThrowingConsumer<T> {

		void accept(T value) throws Exception;

	}

}
