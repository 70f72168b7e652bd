package dev.probes.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.core.KafkaAdmin;

import dev.probes.autoconfigure.check.KafkaCheckFactory;
import dev.probes.autoconfigure.check.KafkaCheckProperties;
import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;
import dev.probes.test.FaultProxy;
import dev.probes.test.KafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link KafkaCheck}, made by its
 * factory from an application's Spring Kafka {@code KafkaAdmin} configuration, against a
 * real one-broker cluster in this JVM, on its listener that takes SASL/PLAIN logins only:
 * the password travels in the application's {@code sasl.jaas.config}, as Spring Boot
 * passes it on.
 */
class KafkaCheckContractTests extends DependencyCheckContractTests {

	private static KafkaBroker broker;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@BeforeAll
	static void startBroker() throws Exception {
		broker = KafkaBroker.shared();
		// The JVM's first Admin client loads the Kafka client and logs in, which takes
		// longer
		// than the attempt's timeout: the contract is about the check, not class loading.
		try (DependencyCheck check = check(broker.saslBootstrapServers(), KafkaBroker.USER, KafkaBroker.PASSWORD, 1)) {
			check.check(Duration.ofSeconds(10));
		}
	}

	@AfterEach
	void closeResources() {
		this.resources.forEach(Resources::closeQuietly);
	}

	@Override
	protected DependencyCheck reachableCheck() {
		return closeAfterTest(check(broker.saslBootstrapServers(), KafkaBroker.USER, KafkaBroker.PASSWORD, 1));
	}

	@Override
	protected DependencyCheck refusedCheck() throws Exception {
		return closeAfterTest(check("127.0.0.1:" + ClosedPorts.find(), KafkaBroker.USER, KafkaBroker.PASSWORD, 1));
	}

	/**
	 * The Kafka client retries a refused connection by itself until the call's deadline
	 * and tells its caller only that the deadline passed: a refused and a silent cluster
	 * look the same to it.
	 */
	@Override
	protected void assertRefusal(String error) {
		assertThat(error).contains("timed out");
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws Exception {
		FaultProxy proxy = FaultProxy.to(saslPort());
		this.resources.add(0, proxy);
		proxy.blackHole();
		return closeAfterTest(check(proxy.host() + ":" + proxy.port(), KafkaBroker.USER, KafkaBroker.PASSWORD, 1));
	}

	/**
	 * The broker checks the password and rejects it: the login is where the secret
	 * travels.
	 */
	@Override
	protected CheckWithSecret failingCheckWithSecret() {
		String secret = "wr0ng-pa55word";
		return new CheckWithSecret(closeAfterTest(check(broker.saslBootstrapServers(), KafkaBroker.USER, secret, 1)),
				secret);
	}

	@Test
	void reportsBrokerCountAndClusterIdButNoAddress() throws Exception {
		DependencyState state = awaitFirstState(reachableCheck(), Redactor.none()).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.UP);
		assertThat(state.details()).containsEntry("brokers", 1).containsKey("clusterId");
		assertThat(state.details().toString()).doesNotContain("localhost").doesNotContain(String.valueOf(saslPort()));
	}

	@Test
	void reportsDownWithReasonWhenClusterHasFewerBrokersThanRequired() throws Exception {
		DependencyCheck check = closeAfterTest(
				check(broker.saslBootstrapServers(), KafkaBroker.USER, KafkaBroker.PASSWORD, 2));
		DependencyState state = awaitFirstState(check, Redactor.none()).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).isEqualTo("1 broker, 2 required");
		assertThat(state.permanent()).isFalse();
		assertThat(state.details()).containsEntry("brokers", 1);
	}

	@Test
	void reportsPermanentFailureWhenPasswordIsWrong() throws Exception {
		DependencyCheck check = closeAfterTest(check(broker.saslBootstrapServers(), KafkaBroker.USER, "wrong", 1));
		DependencyState state = awaitFirstState(check, Redactor.none()).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.permanent()).isTrue();
		assertThat(state.error()).contains("Authentication failed");
	}

	/**
	 * Describing the cluster needs no ACL: on a cluster that authorizes every request, a
	 * user granted nothing is up, and not failed as unauthorized. (A broker answers
	 * DescribeCluster without authorizing it, so the check never meets a denied cluster
	 * authorization there.)
	 */
	@Test
	void reportsUpForAUserWithoutAnyAclOnAnAuthorizingCluster() throws Exception {
		DependencyCheck check = closeAfterTest(check(broker.saslBootstrapServers(), KafkaBroker.UNPRIVILEGED_USER,
				KafkaBroker.UNPRIVILEGED_PASSWORD, 1));
		DependencyState state = awaitFirstState(check, Redactor.none()).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.UP);
		assertThat(state.details()).containsEntry("brokers", 1).containsKey("clusterId");
	}

	private static int saslPort() {
		String servers = broker.saslBootstrapServers();
		return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
	}

	private DependencyCheck closeAfterTest(DependencyCheck check) {
		this.resources.add(check);
		return check;
	}

	/**
	 * Create a check as the auto-configuration does, for an application whose Spring
	 * Kafka {@code KafkaAdmin} logs in with a password.
	 */
	private static DependencyCheck check(String bootstrapServers, String user, String password, int minBrokers) {
		Map<String, Object> config = new HashMap<>();
		config.put("bootstrap.servers", bootstrapServers);
		config.put("security.protocol", "SASL_PLAINTEXT");
		config.put("sasl.mechanism", "PLAIN");
		config.put("sasl.jaas.config", KafkaBroker.plainLogin(user, password));
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("kafkaAdmin", new KafkaAdmin(config));
		KafkaCheckProperties settings = new KafkaCheckProperties();
		settings.setMinBrokers(minBrokers);
		KafkaCheckFactory factory = new KafkaCheckFactory(beanFactory, new StandardEnvironment(),
				KafkaCheckContractTests.class.getClassLoader());
		return factory.create(new DependencyDeclaration<>("events", "kafka", TIMEOUT, settings));
	}

}
