package dev.probes.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.probes.test.KubeletClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probe port ({@code probes.server.port}) as the kubelet sees it: in an application
 * without a web server, and while every request thread of the application is busy.
 */
class ProbeServerTests {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void probePortWithoutWebServerFollowsDependencyAsItComesAndGoes() throws Exception {
		int probePort = freePort();
		int dependencyPort = freePort();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProbedApplication.class)
			.web(WebApplicationType.NONE)
			.properties(common("probes.server.port=" + probePort, "probes.dependencies.queue.type=tcp",
					"probes.dependencies.queue.host=127.0.0.1", "probes.dependencies.queue.port=" + dependencyPort,
					"probes.dependencies.queue.interval=200ms", "probes.dependencies.queue.interval-when-down=200ms",
					"probes.dependencies.queue.timeout=200ms"))
			.run();
		this.resources.add(context);
		assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
		for (int round = 0; round < 2; round++) {
			awaitStatus(probePort, "/readyz", 503);
			assertThat(KubeletClient.get(probePort, "/readyz").body()).contains("[-]queue failed: reason withheld");
			assertThat(KubeletClient.status(probePort, "/livez")).isEqualTo(200);
			try (ServerSocket dependency = new ServerSocket(dependencyPort, 50, InetAddress.getLoopbackAddress())) {
				awaitStatus(probePort, "/readyz", 200);
				assertThat(KubeletClient.get(probePort, "/readyz").body()).isEqualTo("ok");
				assertThat(KubeletClient.get(probePort, "/readyz/queue").body()).isEqualTo("ok");
				assertThat(KubeletClient.status(probePort, "/livez")).isEqualTo(200);
			}
		}
		// Only the probes: nothing else of the application is reachable there.
		assertThat(KubeletClient.status(probePort, "/actuator/health")).isEqualTo(404);
		context.close();
		assertThat(KubeletClient.status(probePort, "/livez")).isEqualTo(-1);
	}

	@Test
	void probePortAndManagementPortAnswerLivenessWhileEveryRequestThreadIsBusy() throws Exception {
		int probePort = freePort();
		int managementPort = freePort();
		int listening = listeningPort();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProbedApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(common("server.port=0", "server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=4",
					"management.server.port=" + managementPort, "probes.server.port=" + probePort,
					"probes.dependencies.postgres.type=tcp", "probes.dependencies.postgres.host=127.0.0.1",
					"probes.dependencies.postgres.port=" + listening))
			.run();
		this.resources.add(context);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		awaitStatus(probePort, "/readyz", 200);
		HttpClient client = HttpClient.newHttpClient();
		this.resources.add(SlowController.release::countDown);
		List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			slow.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow")).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> SlowController.inFlight.get() == 4);
		List<Long> probePortMillis = new ArrayList<>();
		List<Long> managementMillis = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			probePortMillis.add(timedProbe(probePort, "/livez"));
			managementMillis.add(timedProbe(managementPort, "/actuator/health/liveness"));
		}
		long mainPort = timedProbe(port, "/livez");
		System.out.printf(
				"MEASURED /livez with every Tomcat worker busy: probe port p99 %dms, management port"
						+ " p99 %dms, application port %s%n",
				p99(probePortMillis), p99(managementMillis), (mainPort < 0) ? "no answer within 1s" : mainPort + "ms");
		assertThat(probePortMillis).allSatisfy((millis) -> assertThat(millis).isBetween(0L, 999L));
		assertThat(managementMillis).allSatisfy((millis) -> assertThat(millis).isBetween(0L, 999L));
		assertThat(SlowController.inFlight.get()).isEqualTo(4);
		SlowController.release.countDown();
		CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
	}

	/**
	 * Return how long a kubelet-like probe took to be answered 200, or -1 when it was not
	 * within 1 s.
	 */
	private static long timedProbe(int port, String path) {
		long started = System.nanoTime();
		CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> KubeletClient.status(port, path));
		try {
			int code = status.get(1, TimeUnit.SECONDS);
			return (code == 200) ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) : -1;
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private static long p99(List<Long> millis) {
		List<Long> sorted = millis.stream().sorted().toList();
		return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
	}

	private static String[] common(String... properties) {
		List<String> values = new ArrayList<>(List.of(properties));
		values.add(
				"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
		values.add("server.shutdown=immediate");
		return values.toArray(String[]::new);
	}

	private static void awaitStatus(int port, String path, int status) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> KubeletClient.status(port, path) == status);
	}

	private int listeningPort() throws IOException {
		ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.resources.add(socket);
		return socket.getLocalPort();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(SlowController.class)
	static class ProbedApplication {

	}

	/**
	 * Holds a request thread until released, as a slow database query does.
	 */
	@RestController
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class SlowController {

		static final AtomicInteger inFlight = new AtomicInteger();

		static final CountDownLatch release = new CountDownLatch(1);

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			inFlight.incrementAndGet();
			try {
				release.await(30, TimeUnit.SECONDS);
				return "done";
			}
			finally {
				inFlight.decrementAndGet();
			}
		}

	}

}
