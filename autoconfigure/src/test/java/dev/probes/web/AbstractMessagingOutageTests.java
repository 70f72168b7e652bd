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

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.FaultProxy;
import dev.probes.test.MessagingApplication.AttemptCounter;
import dev.probes.web.ProbedApplications.Answers;

import static dev.probes.web.ProbedApplications.BLOCKED;
import static dev.probes.web.ProbedApplications.CHECKS;
import static dev.probes.web.ProbedApplications.DETECTION_BOUND;
import static dev.probes.web.ProbedApplications.MARGIN;
import static dev.probes.web.ProbedApplications.SHORT_INTERVAL;
import static dev.probes.web.ProbedApplications.TIMING;
import static dev.probes.web.ProbedApplications.assertNoAnswerShows;
import static dev.probes.web.ProbedApplications.awaitStatus;
import static dev.probes.web.ProbedApplications.health;
import static dev.probes.web.ProbedApplications.port;
import static dev.probes.web.ProbedApplications.readyzBody;
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

	/** How long the server is black-holed while the application starts. */
	private static final Duration BLACK_HOLE = Duration.ofSeconds(2);

	protected static final String NAME = "cache";

	private final ProbedApplications applications = new ProbedApplications();

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
		this.applications.close();
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
		int port = port(this.applications.start(properties));
		awaitStatus(port, 200, Duration.ofSeconds(10));
		List<String> measured = new ArrayList<>();
		for (Fault fault : List.of(new Fault("refused", FaultProxy::refuse),
				new Fault("black-holed", FaultProxy::blackHole), new Fault("reset", FaultProxy::reset))) {
			long faulted = System.nanoTime();
			fault.apply().accept(this.proxy);
			Answers down = awaitStatus(port, 503, DETECTION_BOUND.plus(MARGIN).plus(Duration.ofSeconds(5)));
			Duration detection = Duration.ofNanos(down.at() - faulted);
			assertThat(readyzBody(port)).contains("[-]" + NAME + " failed");
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
		ConfigurableApplicationContext context = this.applications
			.start(checkedOften(clientProperties("127.0.0.1", serverPort(), connectionName)));
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
		ConfigurableApplicationContext context = this.applications
			.start(checkedOften(clientProperties(this.proxy.host(), this.proxy.port(), connectionName)));
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
		List<String> properties = new ArrayList<>(List.of(ProbedApplications.dependency(name, "type=" + type()),
				ProbedApplications.dependency(name, "url=" + ownClientUrl(name))));
		SHORT_INTERVAL.forEach((timing) -> properties.add(ProbedApplications.dependency(name, timing)));
		ConfigurableApplicationContext context = this.applications.start(properties);
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
		ConfigurableApplicationContext context = this.applications
			.start(List.of(dependency("type=" + type()), dependency("url=" + urlWithPassword(password))));
		int port = port(context);
		awaitStatus(port, 503, Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10)).until(() -> health(port, NAME).contains(refusal()));
		assertNoAnswerShows(port, NAME, password);
		assertThat(output.toString()).contains(NAME + " DOWN (" + refusal()).doesNotContain(password);
	}

	private static String dependency(String property) {
		return ProbedApplications.dependency(NAME, property);
	}

	private record Fault(String name, Consumer<FaultProxy> apply) {

	}

}
