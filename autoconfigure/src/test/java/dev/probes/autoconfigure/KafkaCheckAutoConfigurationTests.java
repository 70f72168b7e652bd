package dev.probes.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.core.KafkaAdmin;

import dev.probes.autoconfigure.check.KafkaCheckFactory;
import dev.probes.check.KafkaCheck;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;
import dev.probes.test.KafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code kafka} type in {@link DependencyChecksAutoConfiguration}: present with the
 * Kafka client, checking the cluster with the application's Kafka configuration as Spring
 * Boot builds it (its SASL settings included, also when {@code bootstrap-servers} names
 * other servers), or with {@code spring.kafka.bootstrap-servers} alone without Spring
 * Kafka, and backing off for a factory of the user's; against a real broker.
 */
class KafkaCheckAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(KafkaAutoConfiguration.class, DependencyChecksAutoConfiguration.class));

	@Test
	void runWhenDependencyDeclaredChecksClusterWithApplicationsKafkaConfiguration() {
		KafkaBroker broker = KafkaBroker.shared();
		this.contextRunner
			.withPropertyValues(sasl("spring.kafka.bootstrap-servers=" + broker.saslBootstrapServers(),
					"probes.dependencies.events.type=kafka"))
			.run((context) -> {
				DependencyMonitor monitor = monitor(context);
				assertThat(monitor.type()).isEqualTo("kafka");
				assertThat(monitor.check()).isInstanceOf(KafkaCheck.class);
				assertThat(firstState(monitor).status()).isEqualTo(DependencyStatus.UP);
			});
	}

	@Test
	void runWhenBootstrapServersDeclaredReplacesOnlyTheServers() throws IOException {
		KafkaBroker broker = KafkaBroker.shared();
		// Only a client that logs in with the application's SASL settings gets an answer.
		this.contextRunner
			.withPropertyValues(sasl("spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(),
					"probes.dependencies.events.type=kafka",
					"probes.dependencies.events.bootstrap-servers=" + broker.saslBootstrapServers()))
			.run((context) -> assertThat(firstState(monitor(context)).status()).isEqualTo(DependencyStatus.UP));
	}

	@Test
	void runWithoutSpringKafkaChecksSpringKafkaBootstrapServers() {
		KafkaBroker broker = KafkaBroker.shared();
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.kafka."))
			.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
					"probes.dependencies.events.type=kafka")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KafkaAdmin.class);
				assertThat(firstState(monitor(context)).status()).isEqualTo(DependencyStatus.UP);
			});
	}

	@Test
	void runWhenMinBrokersAboveClusterSizeReportsShortfall() {
		KafkaBroker broker = KafkaBroker.shared();
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
					"probes.dependencies.events.type=kafka", "probes.dependencies.events.min-brokers=3")
			.run((context) -> {
				DependencyState state = firstState(monitor(context));
				assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
				assertThat(state.error()).isEqualTo("1 broker, 3 required");
			});
	}

	/**
	 * A bootstrap server whose name does not resolve yet (a Service not created yet)
	 * leaves the dependency down with the reason, and the application starts.
	 */
	@Test
	void runWhenBootstrapServerDoesNotResolveStartsAndReportsUnknownHost() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.events.type=kafka",
					"probes.dependencies.events.bootstrap-servers=kafka.probes-test.invalid:9092")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DependencyState state = firstState(monitor(context));
				assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
				assertThat(state.error()).isEqualTo("unknown host kafka.probes-test.invalid");
			});
	}

	@Test
	void startupWatchWatchesEveryBootstrapServerOfApplicationsKafkaConfiguration() {
		this.contextRunner
			.withPropertyValues("spring.kafka.bootstrap-servers=kafka-0.kafka:9092,kafka-1.kafka:9092",
					"probes.dependencies.events.type=kafka", "probes.dependencies.events.critical=false")
			.run((context) -> assertThat(context.getBean(DeclaredDependencies.class).addresses())
				.containsEntry("events", List.of(InetSocketAddress.createUnresolved("kafka-0.kafka", 9092),
						InetSocketAddress.createUnresolved("kafka-1.kafka", 9092))));
	}

	@Test
	void startupWatchWatchesEveryDeclaredBootstrapServer() {
		this.contextRunner
			.withPropertyValues("probes.dependencies.events.type=kafka", "probes.dependencies.events.critical=false",
					"probes.dependencies.events.bootstrap-servers=kafka-0.kafka:9093,kafka-1.kafka:9093")
			.run((context) -> assertThat(context.getBean(DeclaredDependencies.class).addresses())
				.containsEntry("events", List.of(InetSocketAddress.createUnresolved("kafka-0.kafka", 9093),
						InetSocketAddress.createUnresolved("kafka-1.kafka", 9093))));
	}

	@Test
	void runWithoutKafkaClientRegistersNoFactoryForTheType() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Admin.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaCheckFactory.class));
	}

	@Test
	void runWhenUserDefinesFactoryForTheTypeBacksOff() {
		this.contextRunner.withUserConfiguration(UserFactory.class)
			.run((context) -> assertThat(context).getBeans(KafkaCheckFactory.class)
				.containsOnlyKeys("userCheckFactory"));
	}

	/** Spring Boot's configuration of Kafka clients that log in with SASL/PLAIN. */
	private static String[] sasl(String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.addAll(List.of("spring.kafka.security.protocol=SASL_PLAINTEXT",
				"spring.kafka.properties.sasl.mechanism=PLAIN", "spring.kafka.properties.sasl.jaas.config="
						+ KafkaBroker.plainLogin(KafkaBroker.USER, KafkaBroker.PASSWORD)));
		return all.toArray(String[]::new);
	}

	private static DependencyMonitor monitor(ApplicationContext context) {
		return context.getBean(CheckScheduler.class).monitor("events").orElseThrow();
	}

	private static DependencyState firstState(DependencyMonitor monitor) {
		await().atMost(Duration.ofSeconds(10)).until(() -> monitor.state().status() != DependencyStatus.UNKNOWN);
		return monitor.state();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactory {

		@Bean
		KafkaCheckFactory userCheckFactory() {
			return new KafkaCheckFactory(new DefaultListableBeanFactory(), new StandardEnvironment(), null);
		}

	}

}
