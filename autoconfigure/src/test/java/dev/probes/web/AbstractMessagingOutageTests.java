package dev.probes.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.FaultProxy;
import dev.probes.test.KubeletClient;
import dev.probes.test.MessagingApplication;
import dev.probes.test.MessagingApplication.AttemptCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dependency checked on the application's own client (its Redis or RabbitMQ connection
 * factory, as Spring Boot configures it), against a real server behind a fault-injecting
 * proxy: each fault turns {@code /readyz} to 503 within {@code interval + timeout} while
 * {@code /readyz} keeps answering at once, recovery turns it back, and the connections
 * the server sees do not grow with the checks. With a {@code url} of its own, the check
 * keeps one connection, closes it at shutdown, and never shows the URL's password.
 * Written once, run for each client type.
 */
abstract class AbstractMessagingOutageTests {

	/** Timing of the tuned example in docs/configuration.md. */
	private static final List<String> TIMING = List.of("interval=1s", "interval-when-down=500ms", "timeout=500ms");

	/** {@code interval + timeout}: the contract's bound on seeing a black-hole. */
	private static final Duration DETECTION_BOUND = Duration.ofMillis(1500);

	/** Allowance for scheduling and the verdict's refresh on a busy 2-core machine. */
	private static final Duration MARGIN = Duration.ofMillis(500);

	/**
	 * A probe blocked on the dependency would take the check's 500 ms timeout or longer.
	 */
	private static final Duration BLOCKED = Duration.ofMillis(250);

	private static final int CHECKS = 100;

	/** How long the server is black-holed while the application starts. */
	private static final Duration BLACK_HOLE = Duration.ofSeconds(2);

	/** A short interval, so that the checks add up quickly. */
	private static final List<String> SHORT_INTERVAL = List.of("interval=100ms", "interval-when-down=100ms",
			"timeout=100ms");

	protected static final String NAME = "cache";

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private FaultProxy proxy;

	/**
	 * Return the dependency's type.
	 * @return {@code redis} or {@code amqp}
	 */
	protected abstract String type();

	/**
	 * Return the port of the real server on loopback.
	 * @return the port
	 */
	protected abstract int serverPort();

	/**
	 * Return the application's configuration of its client.
	 * @param host where the server is
	 * @param port its port
	 * @param connectionName the name the client gives its connections, for the server to
	 * list them by
	 * @return properties such as {@code spring.data.redis.host=...}
	 */
	protected abstract List<String> clientProperties(String host, int port, String connectionName);

	/**
	 * Return a {@code url} for a client of the check's own.
	 * @param dependency the dependency's name
	 * @return the URL
	 */
	protected abstract String ownClientUrl(String dependency);

	/**
	 * Return the name under which the server lists the connection of a client of the
	 * check's own.
	 * @param dependency the dependency's name
	 * @return the connection's name
	 */
	protected abstract String ownClientConnectionName(String dependency);

	/**
	 * Return a {@code url} with a password, to a server that checks passwords.
	 * @param password the password
	 * @return the URL
	 */
	protected abstract String urlWithPassword(String password);

	/**
	 * Return how the server's answer to a wrong password starts.
	 * @return such as {@code WRONGPASS}
	 */
	protected abstract String refusal();

	/**
	 * Return the connections the server lists under a name.
	 * @param connectionName the name
	 * @return how many there are
	 * @throws Exception when the server cannot be asked
	 */
	protected abstract int serverConnections(String connectionName) throws Exception;

	@AfterEach
	void stop() {
		if (this.proxy != null) {
			this.proxy.pass();
		}
		this.contexts.forEach(ConfigurableApplicationContext::close);
		if (this.proxy != null) {
			this.proxy.close();
		}
	}

	@Test
	void readyzFollowsRefusedBlackHoledAndResetServerAndAnswersAtOnce() throws IOException {
		this.proxy = FaultProxy.to(serverPort());
		List<String> properties = new ArrayList<>(
				clientProperties(this.proxy.host(), this.proxy.port(), "probes-test-" + UUID.randomUUID()));
		properties.add(dependency("type=" + type()));
		TIMING.forEach((timing) -> properties.add(dependency(timing)));
		int port = port(start(properties));
		awaitStatus(port, 200, Duration.ofSeconds(10));
		List<String> measured = new ArrayList<>();
		for (Fault fault : List.of(new Fault("refused", FaultProxy::refuse),
				new Fault("black-holed", FaultProxy::blackHole), new Fault("reset", FaultProxy::reset))) {
			long faulted = System.nanoTime();
			fault.apply().accept(this.proxy);
			Answers down = awaitStatus(port, 503, DETECTION_BOUND.plus(MARGIN).plus(Duration.ofSeconds(5)));
			Duration detection = Duration.ofNanos(down.at() - faulted);
			assertThat(body(port)).contains("[-]" + NAME + " failed");
			this.proxy.pass();
			long passed = System.nanoTime();
			Answers up = awaitStatus(port, 200, Duration.ofSeconds(30));
			Duration recovery = Duration.ofNanos(up.at() - passed);
			measured.add("%s: 503 after %dms, 200 again %dms after recovery, slowest /readyz %dms".formatted(
					fault.name(), detection.toMillis(), recovery.toMillis(),
					Math.max(down.slowest().toMillis(), up.slowest().toMillis())));
			assertThat(detection).as("%s seen", fault.name()).isLessThan(DETECTION_BOUND.plus(MARGIN));
			assertThat(down.slowest()).as("/readyz during %s", fault.name()).isLessThan(BLOCKED);
			assertThat(up.slowest()).as("/readyz during recovery from %s", fault.name()).isLessThan(BLOCKED);
		}
		System.out.printf("MEASURED %s on the application's client (interval 1s, timeout 500ms): %s%n", type(),
				String.join("; ", measured));
	}

	@Test
	void serverConnectionsDoNotGrowOver100ChecksOnTheApplicationsClient() throws Exception {
		String connectionName = "probes-test-" + UUID.randomUUID();
		ConfigurableApplicationContext context = start(
				checkedOften(clientProperties("127.0.0.1", serverPort(), connectionName)));
		AttemptCounter attempts = context.getBean(AttemptCounter.class);
		awaitStatus(port(context), 200, Duration.ofSeconds(10));
		int before = serverConnections(connectionName);
		long from = attempts.of(NAME);
		await().atMost(Duration.ofSeconds(30)).until(() -> attempts.of(NAME) >= from + CHECKS);
		int after = serverConnections(connectionName);
		System.out.printf("MEASURED %s on the application's client: %d connections before %d checks, %d after%n",
				type(), before, attempts.of(NAME) - from, after);
		assertThat(before).as("connections of the application").isPositive();
		assertThat(after).isEqualTo(before);
	}

	/**
	 * Attempts abandoned while the server accepts connections but does not answer, as
	 * when it starts or behind a partition, must not each leave a connection behind once
	 * it answers.
	 */
	@Test
	void startingWhileServerIsBlackHoledLeavesOneConnectionOnceItAnswers() throws Exception {
		this.proxy = FaultProxy.to(serverPort());
		this.proxy.blackHole();
		String connectionName = "probes-test-" + UUID.randomUUID();
		ConfigurableApplicationContext context = start(
				checkedOften(clientProperties(this.proxy.host(), this.proxy.port(), connectionName)));
		AttemptCounter attempts = context.getBean(AttemptCounter.class);
		// Some clients give up a handshake only after seconds, and an attempt waits for
		// the one
		// before: however many attempts that is, each one was abandoned.
		Thread.sleep(BLACK_HOLE.toMillis());
		long abandoned = attempts.of(NAME);
		assertThat(abandoned).isPositive();
		this.proxy.pass();
		awaitStatus(port(context), 200, Duration.ofSeconds(30));
		// Connections left behind would have answered by now, as the one in use did.
		Thread.sleep(500);
		int connections = serverConnections(connectionName);
		System.out.printf("MEASURED %s on the application's client: %d connections after %d attempts abandoned"
				+ " while black-holed%n", type(), connections, abandoned);
		assertThat(connections).isEqualTo(1);
	}

	/**
	 * Return the configuration of a dependency checked every 100 ms on the application's
	 * client, without Spring Boot's own health contributor of that client: it opens a
	 * (reactive) connection of its own when it first runs, which would look like growth
	 * that the checks did not cause.
	 */
	private List<String> checkedOften(List<String> clientProperties) {
		List<String> properties = new ArrayList<>(clientProperties);
		properties.addAll(List.of("management.health.redis.enabled=false", "management.health.rabbit.enabled=false"));
		properties.add(dependency("type=" + type()));
		SHORT_INTERVAL.forEach((timing) -> properties.add(dependency(timing)));
		return properties;
	}

	@Test
	void ownClientKeepsOneConnectionOver100ChecksAndClosesItAtShutdown() throws Exception {
		// A name of its own, which the server lists the connection by.
		String name = NAME + "-" + UUID.randomUUID().toString().substring(0, 8);
		String connectionName = ownClientConnectionName(name);
		List<String> properties = new ArrayList<>(
				List.of(dependency(name, "type=" + type()), dependency(name, "url=" + ownClientUrl(name))));
		SHORT_INTERVAL.forEach((timing) -> properties.add(dependency(name, timing)));
		ConfigurableApplicationContext context = start(properties);
		AttemptCounter attempts = context.getBean(AttemptCounter.class);
		awaitStatus(port(context), 200, Duration.ofSeconds(10));
		long from = attempts.of(name);
		await().atMost(Duration.ofSeconds(30)).until(() -> attempts.of(name) >= from + CHECKS);
		int during = serverConnections(connectionName);
		context.close();
		long closed = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).until(() -> serverConnections(connectionName) == 0);
		System.out.printf(
				"MEASURED %s on a client of its own: %d connection after %d checks, none %dms after" + " shutdown%n",
				type(), during, attempts.of(name) - from, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed));
		assertThat(during).isEqualTo(1);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void wrongPasswordInUrlShowsTheRefusalButNeverThePassword(CapturedOutput output) throws Exception {
		String password = "s3cr3t-" + UUID.randomUUID().toString().substring(0, 8);
		ConfigurableApplicationContext context = start(
				List.of(dependency("type=" + type()), dependency("url=" + urlWithPassword(password))));
		int port = port(context);
		awaitStatus(port, 503, Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> KubeletClient.get(port, "/actuator/health/" + NAME).body().contains(refusal()));
		for (String path : List.of("/readyz?verbose", "/readyz/" + NAME, "/actuator/health", "/actuator/health/" + NAME,
				"/actuator/health/readiness")) {
			for (String accept : List.of("", "Accept: application/json\r\n")) {
				KubeletClient.Answer answer = KubeletClient.get(port, path, accept);
				assertThat(answer).as(path).isNotNull();
				assertThat(answer.body()).as(path).doesNotContain(password);
			}
		}
		assertThat(output.toString()).contains(NAME + " DOWN (" + refusal()).doesNotContain(password);
	}

	private static String dependency(String property) {
		return dependency(NAME, property);
	}

	private static String dependency(String name, String property) {
		return "probes.dependencies." + name + "." + property;
	}

	private ConfigurableApplicationContext start(List<String> properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.shutdown=immediate",
				"management.endpoint.health.show-details=always"));
		all.addAll(properties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MessagingApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Probe {@code /readyz} as the kubelet does, without pause, until it answers a
	 * status.
	 * @return when it did, and the slowest answer on the way
	 */
	private static Answers awaitStatus(int port, int status, Duration limit) {
		long started = System.nanoTime();
		long slowest = 0;
		while (System.nanoTime() - started < limit.toNanos()) {
			long asked = System.nanoTime();
			int answered = KubeletClient.status(port, "/readyz");
			long answeredAt = System.nanoTime();
			slowest = Math.max(slowest, answeredAt - asked);
			if (answered == status) {
				return new Answers(answeredAt, Duration.ofNanos(slowest));
			}
		}
		throw new AssertionError("/readyz never answered " + status + " within " + limit);
	}

	private static String body(int port) {
		KubeletClient.Answer answer = KubeletClient.get(port, "/readyz?verbose");
		return (answer != null) ? answer.body() : "";
	}

	private record Fault(String name, Consumer<FaultProxy> apply) {

	}

	private record Answers(long at, Duration slowest) {

	}

}
