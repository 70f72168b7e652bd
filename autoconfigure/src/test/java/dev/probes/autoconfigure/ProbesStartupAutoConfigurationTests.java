package dev.probes.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.probes.engine.CheckScheduler;
import dev.probes.engine.DependencyStatus;
import dev.probes.engine.StateListener;
import dev.probes.startup.StartupGate;
import dev.probes.startup.StartupTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ProbesStartupAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class,
				ProbesWebAutoConfiguration.class, ProbesStartupAutoConfiguration.class));

	private ServerSocket listening;

	@BeforeEach
	void listen() throws IOException {
		this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
	}

	@AfterEach
	void close() throws IOException {
		this.listening.close();
	}

	@Test
	void runWithoutWaitRegistersNoGate() {
		this.contextRunner.withPropertyValues(tcp("cache", this.listening.getLocalPort()))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(StartupGate.class));
	}

	@Test
	void runWithWaitReturnsOnceCriticalDependenciesAreUp() {
		this.contextRunner.withPropertyValues(tcp("cache", this.listening.getLocalPort()))
			.withPropertyValues("probes.startup.wait=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(StartupGate.class);
				assertThat(context.getBean(StartupGate.class).awaited()).isEmpty();
				assertThat(context.getBean(CheckScheduler.class).monitor("cache").orElseThrow().state().status())
					.isEqualTo(DependencyStatus.UP);
			});
	}

	@Test
	void runWithWaitDoesNotWaitForNonCriticalDependency() throws IOException {
		int closed = closedPort();
		this.contextRunner.withPropertyValues(tcp("cache", closed))
			.withPropertyValues(tcp("db", this.listening.getLocalPort()))
			.withPropertyValues("probes.dependencies.cache.critical=false", "probes.startup.wait=true",
					"probes.startup.timeout=10s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CheckScheduler.class).monitor("cache").orElseThrow().state().status())
					.isNotEqualTo(DependencyStatus.UP);
			});
	}

	@Test
	void runWithWaitPastDeadlineFailsWithReport() throws IOException {
		int closed = closedPort();
		this.contextRunner.withPropertyValues(tcp("cache", closed))
			.withPropertyValues("probes.startup.wait=true", "probes.startup.timeout=1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(StartupTimeoutException.class);
				FailureAnalysis analysis = new StartupTimeoutFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("still down 1s after the start of the wait",
						"cache: connection refused");
				assertThat(analysis.getAction()).contains("probes.startup.timeout");
			});
	}

	/**
	 * While down, a dependency is retried every interval-when-down (2 s by default);
	 * during the wait, on the wait's backoff instead: 50 ms here, so some 15 attempts in
	 * the wait's second rather than one or two.
	 */
	@Test
	void runWithWaitRetriesCriticalDependenciesOnBackoff() throws IOException {
		int closed = closedPort();
		List<Long> attempts = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues(tcp("cache", closed))
			.withPropertyValues("probes.startup.wait=true", "probes.startup.timeout=1s",
					"probes.startup.backoff.initial=50ms", "probes.startup.backoff.max=50ms",
					"probes.startup.backoff.jitter=0")
			.withBean("attempts", StateListener.class,
					() -> (dependency, previous, current) -> attempts.add(System.nanoTime()))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(StartupTimeoutException.class));
		assertThat(attempts).hasSizeGreaterThanOrEqualTo(8);
		for (int i = 1; i < attempts.size(); i++) {
			Duration delay = Duration.ofNanos(attempts.get(i) - attempts.get(i - 1));
			// Never sooner than the backoff, and nowhere near interval-when-down.
			assertThat(delay).isBetween(Duration.ofMillis(45), Duration.ofMillis(700));
		}
	}

	private static String[] tcp(String name, int port) {
		String prefix = "probes.dependencies." + name + ".";
		return new String[] { prefix + "type=tcp", prefix + "host=127.0.0.1", prefix + "port=" + port,
				prefix + "timeout=" + Duration.ofMillis(500).toMillis() + "ms" };
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
