package dev.probes.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.KafkaBroker;
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
 * A {@code kafka} dependency checked with the application's Kafka configuration, as
 * Spring Boot's auto-configuration builds it from {@code spring.kafka.*}, against a real
 * broker in this JVM: stopping the broker turns {@code /readyz} to 503 within
 * {@code interval + timeout} while {@code /readyz} keeps answering at once, and starting
 * it again on the same port turns it back; the connections the broker holds do not grow
 * with the checks; a cluster with fewer brokers than {@code min-brokers} is down with the
 * reason; and the SASL password of {@code spring.kafka.properties.sasl.jaas.config} never
 * shows.
 */
class KafkaOutageTests {

	/**
	 * {@code interval-when-down + timeout}, plus the Kafka client's longest wait before
	 * it reconnects ({@code reconnect.backoff.max.ms}, 1 s).
	 */
	private static final Duration RECOVERY_BOUND = Duration.ofMillis(2000);

	private static final String NAME = "events";

	private static KafkaBroker broker;

	private final ProbedApplications applications = new ProbedApplications();

	@BeforeAll
	static void startBroker() {
		broker = KafkaBroker.start();
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
		}
	}

	@AfterEach
	void closeApplications() {
		this.applications.close();
	}

	@Test
	void readyzFollowsStoppedAndRestartedBrokerAndAnswersAtOnce() {
		List<String> properties = new ArrayList<>(applicationKafka());
		properties.add(dependency("type=kafka"));
		TIMING.forEach((timing) -> properties.add(dependency(timing)));
		int port = port(start(properties));
		awaitStatus(port, 200, Duration.ofSeconds(20));
		long stopping = System.nanoTime();
		broker.stop();
		long stopped = System.nanoTime();
		Answers down = awaitStatus(port, 503, DETECTION_BOUND.plus(MARGIN).plus(Duration.ofSeconds(10)));
		Duration detection = Duration.ofNanos(Math.max(0, down.at() - stopped));
		String reason = readyzBody(port);
		String health = health(port, NAME);
		long restarting = System.nanoTime();
		broker.restart();
		long restarted = System.nanoTime();
		Answers up = awaitStatus(port, 200, Duration.ofSeconds(30));
		// The check may see the broker while its start-up completes: then 0.
		Duration recovery = Duration.ofNanos(Math.max(0, up.at() - restarted));
		System.out.printf(
				"MEASURED kafka (interval 1s, timeout 500ms): broker stop took %dms, 503 %dms after it"
						+ " began and %dms after it ended; broker restart took %dms, 200 again %dms after it; slowest"
						+ " /readyz %dms; health while down: %s%n",
				Duration.ofNanos(stopped - stopping).toMillis(), Duration.ofNanos(down.at() - stopping).toMillis(),
				detection.toMillis(), Duration.ofNanos(restarted - restarting).toMillis(), recovery.toMillis(),
				Math.max(down.slowest().toMillis(), up.slowest().toMillis()), health);
		assertThat(reason).contains("[-]" + NAME + " failed");
		assertThat(detection).as("stopped broker seen").isLessThan(DETECTION_BOUND.plus(MARGIN));
		assertThat(recovery).as("restarted broker seen").isLessThan(RECOVERY_BOUND.plus(MARGIN));
		assertThat(down.slowest()).as("/readyz while the broker stops").isLessThan(BLOCKED);
		assertThat(up.slowest()).as("/readyz while the broker restarts").isLessThan(BLOCKED);
	}

	@Test
	void brokerConnectionsDoNotGrowOver100Checks() {
		List<String> properties = new ArrayList<>(applicationKafka());
		properties.add(dependency("type=kafka"));
		SHORT_INTERVAL.forEach((timing) -> properties.add(dependency(timing)));
		ConfigurableApplicationContext context = start(properties);
		AttemptCounter attempts = context.getBean(AttemptCounter.class);
		awaitStatus(port(context), 200, Duration.ofSeconds(20));
		int before = broker.clientConnections();
		long from = attempts.of(NAME);
		await().atMost(Duration.ofSeconds(30)).until(() -> attempts.of(NAME) >= from + CHECKS);
		int after = broker.clientConnections();
		long checks = attempts.of(NAME) - from;
		context.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> broker.clientConnections() == 0);
		System.out.printf(
				"MEASURED kafka: %d connections at the broker before %d checks, %d after, 0 after" + " shutdown%n",
				before, checks, after);
		assertThat(before).as("connections of the check's client").isPositive();
		assertThat(after).isEqualTo(before);
	}

	@Test
	void clusterWithFewerBrokersThanMinBrokersIsDownWithTheReason() {
		List<String> properties = new ArrayList<>(applicationKafka());
		properties.addAll(List.of(dependency("type=kafka"), dependency("min-brokers=2")));
		int port = port(start(properties));
		awaitStatus(port, 503, Duration.ofSeconds(20));
		await().atMost(Duration.ofSeconds(10)).until(() -> health(port, NAME).contains("required"));
		assertThat(health(port, NAME)).contains("1 broker, 2 required")
			.contains("\"brokers\":1")
			.contains("\"clusterId\"");
		assertThat(readyzBody(port)).contains("[-]" + NAME + " failed");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void saslPasswordNeverShowsInProbesHealthMetricsOrLogs(CapturedOutput output) {
		KafkaBroker shared = KafkaBroker.shared();
		String wrong = "wr0ng-" + UUID.randomUUID().toString().substring(0, 8);
		ConfigurableApplicationContext right = start(sasl(shared, KafkaBroker.PASSWORD));
		ConfigurableApplicationContext refused = start(sasl(shared, wrong));
		awaitStatus(port(right), 200, Duration.ofSeconds(20));
		awaitStatus(port(refused), 503, Duration.ofSeconds(20));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> health(port(refused), NAME).contains("Authentication failed"));
		for (ConfigurableApplicationContext context : List.of(right, refused)) {
			assertNoAnswerShows(port(context), NAME, KafkaBroker.PASSWORD, wrong);
			assertThat(context.getBean(MeterRegistry.class).getMeters())
				.allSatisfy((meter) -> assertThat(meter.getId().toString()).doesNotContain(KafkaBroker.PASSWORD)
					.doesNotContain(wrong));
		}
		assertThat(output.toString()).contains(NAME + " DOWN (Authentication failed")
			.doesNotContain(KafkaBroker.PASSWORD)
			.doesNotContain(wrong);
	}

	/**
	 * Spring Boot's Kafka configuration of an application whose cluster is the broker.
	 */
	private static List<String> applicationKafka() {
		return List.of("spring.kafka.bootstrap-servers=" + broker.bootstrapServers());
	}

	/**
	 * Spring Boot's Kafka configuration of an application that logs in with SASL/PLAIN.
	 */
	private static List<String> sasl(KafkaBroker shared, String password) {
		return List.of("spring.kafka.bootstrap-servers=" + shared.saslBootstrapServers(),
				"spring.kafka.security.protocol=SASL_PLAINTEXT", "spring.kafka.properties.sasl.mechanism=PLAIN",
				"spring.kafka.properties.sasl.jaas.config=" + KafkaBroker.plainLogin(KafkaBroker.USER, password),
				dependency("type=kafka"));
	}

	private static String dependency(String property) {
		return ProbedApplications.dependency(NAME, property);
	}

	/**
	 * Start an application without Spring Boot's Redis and RabbitMQ health contributors,
	 * which have no part in these tests.
	 */
	private ConfigurableApplicationContext start(List<String> properties) {
		List<String> all = new ArrayList<>(
				List.of("management.health.redis.enabled=false", "management.health.rabbit.enabled=false"));
		all.addAll(properties);
		return this.applications.start(all);
	}

}
