package dev.probes.startup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.probes.engine.DependencyStatus;
import dev.probes.engine.StateListener;
import dev.probes.test.FaultProxy;
import dev.probes.test.MessagingApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up wait watches the server that the application's own client connects to
 * (Spring Boot's connection factory, no {@code url} of the check's own): with a backoff
 * of 20 s, a server that starts to accept connections after the first failed attempt is
 * checked at once, and the application starts within seconds rather than at the next
 * attempt. The server is a real one behind a proxy that refuses connections until it
 * passes them. Written once, run for each client type.
 */
abstract class AbstractApplicationClientWatchTests {

	private static final Duration BACKOFF = Duration.ofSeconds(20);

	// Read by the application's listener bean; a new one for each test.
	private static volatile CountDownLatch firstAttemptFailed = new CountDownLatch(1);

	private FaultProxy proxy;

	/**
	 * Return the check type.
	 * @return {@code redis} or {@code amqp}
	 */
	protected abstract String type();

	/**
	 * Return the real server's port on loopback.
	 * @return the port
	 */
	protected abstract int serverPort();

	/**
	 * Return the configuration of Spring Boot's client, connecting to a port on loopback.
	 * @param port the port
	 * @return properties such as {@code spring.data.redis.port=...}
	 */
	protected abstract List<String> clientProperties(int port);

	@AfterEach
	void closeProxy() {
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Test
	void serverThatStartsToAcceptAfterTheFirstFailureIsCheckedAtOnce() throws Exception {
		startsWhenTheServerAccepts(Duration.ofSeconds(1));
	}

	@Test
	void serverThatAcceptsBeforeTheWatchStartsIsCheckedAtOnce() throws Exception {
		// The server may accept between the failed attempt and the watch's first look.
		startsWhenTheServerAccepts(Duration.ZERO);
	}

	private void startsWhenTheServerAccepts(Duration afterFirstFailure) throws Exception {
		firstAttemptFailed = new CountDownLatch(1);
		this.proxy = FaultProxy.to(serverPort());
		this.proxy.refuse();
		List<String> properties = new ArrayList<>(clientProperties(this.proxy.port()));
		properties.addAll(List.of("probes.dependencies.cache.type=" + type(), "probes.startup.wait=true",
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
					type(), (System.nanoTime() - passed) / 1_000_000, afterFirstFailure.toMillis(),
					BACKOFF.toSeconds());
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
