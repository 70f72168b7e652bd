package dev.probes.startup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bean that calls a declared HTTP dependency from its constructor, through Spring
 * Boot's {@code RestClient.Builder}, runs once the dependency answers: while it refuses,
 * the application neither fails nor completes.
 */
class HttpDependencyWaitTests {

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void beanCallingTheDependencyAtCreationWaitsForIt() throws Exception {
		PricesApplication.calling.set(0);
		int port = freePort();
		CompletableFuture<ConfigurableApplicationContext> application = start(port);
		try {
			// Created early, the application's own beans are not: the bean has not even
			// started its call while the dependency refuses.
			Thread.sleep(2000);
			assertThat(PricesApplication.calling.get()).isZero();
			answerAndCheckCalledAfter(application, port, PricesApplication.calling);
		}
		finally {
			application.cancel(true);
		}
	}

	@Test
	void beanCallingTheDependencyAtCreationWaitsForItWithoutEarlyCreation() throws Exception {
		PricesApplication.calling.set(0);
		int port = freePort();
		CompletableFuture<ConfigurableApplicationContext> application = start(port,
				"probes.startup.create-early=false");
		try {
			// The bean has started its call: without the wait the call would fail at
			// once.
			await().atMost(Duration.ofSeconds(20)).until(() -> PricesApplication.calling.get() != 0);
			Thread.sleep(1000);
			answerAndCheckCalledAfter(application, port, PricesApplication.called);
		}
		finally {
			application.cancel(true);
		}
	}

	/**
	 * Check that the application is still held, let the dependency answer, and check that
	 * the bean got its answer and that {@code after} came after that.
	 */
	private void answerAndCheckCalledAfter(CompletableFuture<ConfigurableApplicationContext> application, int port,
			AtomicLong after) throws Exception {
		assertThat(application).as("held while the dependency refuses").isNotDone();
		long started = System.nanoTime();
		this.server = pricesServer(port);
		try (ConfigurableApplicationContext context = application.get(30, TimeUnit.SECONDS)) {
			assertThat(context.getBean(PriceList.class).prices()).isEqualTo("42");
			assertThat(after.get()).isGreaterThan(started);
		}
	}

	private static CompletableFuture<ConfigurableApplicationContext> start(int port, String... extra) {
		List<String> properties = new ArrayList<>(
				List.of("spring.main.banner-mode=off", "prices.port=" + port, "probes.dependencies.prices.type=http",
						"probes.dependencies.prices.url=http://127.0.0.1:" + port + "/ready",
						"probes.dependencies.prices.interval-when-down=200ms", "probes.startup.wait=true",
						"probes.startup.timeout=60s"));
		properties.addAll(List.of(extra));
		return CompletableFuture
			.supplyAsync(() -> new SpringApplicationBuilder(PricesApplication.class).web(WebApplicationType.NONE)
				.properties(properties.toArray(String[]::new))
				.run());
	}

	private static HttpServer pricesServer(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/", (exchange) -> {
			byte[] body = "42".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	record PriceList(String prices) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class PricesApplication {

		static final AtomicLong calling = new AtomicLong();

		static final AtomicLong called = new AtomicLong();

		/**
		 * Calls the dependency while the context starts, as many applications' beans do.
		 */
		@Bean
		PriceList priceList(RestClient.Builder builder, Environment environment) {
			calling.set(System.nanoTime());
			String prices = builder.build()
				.get()
				.uri("http://127.0.0.1:" + environment.getProperty("prices.port") + "/prices")
				.retrieve()
				.body(String.class);
			called.set(System.nanoTime());
			return new PriceList(prices);
		}

	}

}
