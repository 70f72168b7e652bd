package dev.probes.startup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.probes.engine.DependencyStatus;
import dev.probes.engine.StateListener;
import dev.probes.test.FaultProxy;
import dev.probes.test.MessagingApplication;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up wait watches the server that the application's own client connects to
 * (Spring Boot's connection factory, no {@code url} of the check's own): with a backoff
 * of 20 s, a server that starts to accept connections after the first failed attempt is
 * checked at once, and the application starts within seconds rather than at the next
 * attempt. The server is a real one behind a proxy that refuses connections until it
 * passes them. Run for each client type.
 */
class RedisAndAmqpApplicationClientWatchTests {

	private static final Duration BACKOFF = Duration.ofSeconds(20);

	// Read by the application's listener bean; a new one for each test.
	private static volatile CountDownLatch firstAttemptFailed = new CountDownLatch(1);

	private FaultProxy proxy;

	@AfterEach
	void closeProxy() {
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void serverThatStartsToAcceptAfterTheFirstFailureIsCheckedAtOnce(String type, RealServices.Server server)
			throws Exception {
		startsWhenTheServerAccepts(type, server, Duration.ofSeconds(1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("servers")
	void serverThatAcceptsBeforeTheWatchStartsIsCheckedAtOnce(String type, RealServices.Server server)
			throws Exception {
		// The server may accept between the failed attempt and the watch's first look.
		startsWhenTheServerAccepts(type, server, Duration.ZERO);
	}

	static Stream<Arguments> servers() {
		return Stream.of(Arguments.of("redis", RealServices.redis()), Arguments.of("amqp", RealServices.rabbitmq()));
	}

	private void startsWhenTheServerAccepts(String type, RealServices.Server server, Duration afterFirstFailure)
			throws Exception {
		firstAttemptFailed = new CountDownLatch(1);
		this.proxy = FaultProxy.to(server.port());
		this.proxy.refuse();
		List<String> properties = new ArrayList<>(server.springBootProperties(this.proxy.host(), this.proxy.port()));
		properties.addAll(List.of("probes.dependencies.cache.type=" + type, "probes.startup.wait=true",
				"probes.startup.timeout=60s", "probes.startup.backoff.initial=" + BACKOFF.toSeconds() + "s",
				"probes.startup.backoff.max=" + BACKOFF.toSeconds() + "s", "management.health.redis.enabled=false",
				"management.health.rabbit.enabled=false"));
		CompletableFuture<ConfigurableApplicationContext> application = CompletableFuture
			.supplyAsync(() -> new SpringApplicationBuilder(MessagingApplication.class, FirstFailure.class)
				.web(WebApplicationType.NONE)
				.properties(properties.toArray(String[]::new))
				.run());
		try {
			assertThat(firstAttemptFailed.await(30, TimeUnit.SECONDS)).as("first attempt failed").isTrue();
			Thread.sleep(afterFirstFailure.toMillis());
			assertThat(application).isNotDone();
			this.proxy.pass();
			long passed = System.nanoTime();
			application.get(10, TimeUnit.SECONDS).close();
			System.out.printf(
					"MEASURED start-up watch of the application's %s client: started %dms after the"
							+ " server accepted, %dms after the first failure (backoff %ds)%n",
					type, (System.nanoTime() - passed) / 1_000_000, afterFirstFailure.toMillis(), BACKOFF.toSeconds());
		}
		finally {
			this.proxy.pass();
			if (!application.isDone()) {
				application.get(60, TimeUnit.SECONDS).close();
			}
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	static class FirstFailure {

		@Bean
		StateListener firstFailureListener() {
			return (dependency, previous, current) -> {
				if (current.status() == DependencyStatus.DOWN) {
					firstAttemptFailed.countDown();
				}
			};
		}

	}

}
