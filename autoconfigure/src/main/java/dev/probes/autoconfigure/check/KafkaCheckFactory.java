package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.env.Environment;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.check.DependencyDeclaration;
import dev.probes.check.InvalidPropertyException;
import dev.probes.check.KafkaCheck;
import dev.probes.check.PropertyRules;
import dev.probes.check.Redactor;

/**
 * Creates {@code kafka} checks: describes the cluster with an Admin client of the check's
 * own, configured as the application's Kafka clients are (see {@link KafkaAdminConfigs}),
 * and counts its brokers against {@code min-brokers}.
 */
public final class KafkaCheckFactory implements DependencyCheckFactory<KafkaCheckProperties> {

	private final KafkaAdminConfigs configs;

	/**
	 * Create a factory.
	 * @param beanFactory where the application's {@code KafkaAdmin} is looked up
	 * @param environment where {@code spring.kafka.bootstrap-servers} is read
	 * @param classLoader the application's class loader, which decides whether Spring
	 * Kafka is present
	 */
	public KafkaCheckFactory(BeanFactory beanFactory, Environment environment, @Nullable ClassLoader classLoader) {
		this.configs = new KafkaAdminConfigs(beanFactory, environment, classLoader);
	}

	@Override
	public String type() {
		return "kafka";
	}

	@Override
	public Class<KafkaCheckProperties> settingsType() {
		return KafkaCheckProperties.class;
	}

	@Override
	public DependencyCheck create(DependencyDeclaration<KafkaCheckProperties> declaration) {
		int minBrokers = PropertyRules.atLeastOne(declaration.property("min-brokers"),
				declaration.settings().getMinBrokers(), "brokers");
		Map<String, Object> config = this.configs.of(declaration);
		Redactor secrets = Redactor.none();
		try {
			List<String> passwords = OwnKafkaAdmin.secrets(config);
			passwords.forEach(declaration::secret);
			secrets = Redactor.of(passwords);
			OwnKafkaAdmin admin = OwnKafkaAdmin.create(config,
					KafkaAdminConfigs.hosts(KafkaAdminConfigs.servers(config)));
			return new KafkaCheck(admin, minBrokers, secrets, admin);
		}
		catch (KafkaException ex) {
			// A value the Kafka client does not take, or a key or trust store it cannot
			// read.
			throw new InvalidPropertyException("probes.dependencies." + declaration.name(),
					"the Kafka client rejects its configuration: "
							+ secrets.safe(String.valueOf(innermost(ex).getMessage())),
					"Fix the setting it names in the application's Kafka configuration (spring.kafka.*).");
		}
	}

	@Override
	public List<InetSocketAddress> addresses(DependencyDeclaration<KafkaCheckProperties> declaration) {
		// The cluster answers on any bootstrap server.
		return this.configs.bootstrapAddresses(declaration);
	}

	/**
	 * Return the innermost Kafka exception of a failure: the client's own words (such as
	 * "Failed to load SSL keystore ... of type JKS") under its generic "Failed to create
	 * new KafkaAdminClient", and above a bare file name.
	 */
	private static KafkaException innermost(KafkaException failure) {
		KafkaException innermost = failure;
		Throwable cause = failure.getCause();
		// Bounded, as a cause chain may loop.
		for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
			if (cause instanceof KafkaException kafka && kafka.getMessage() != null) {
				innermost = kafka;
			}
		}
		return innermost;
	}

	@Override
	public String permanentFailureAction(DependencyDeclaration<KafkaCheckProperties> declaration,
			Map<String, Object> details) {
		return "Fix the credentials or the permissions that the application's Kafka clients use for '"
				+ declaration.name() + "' (for Spring Boot's: 'spring.kafka.properties.sasl.jaas.config',"
				+ " 'spring.kafka.security.*', 'spring.kafka.ssl.*').";
	}

}
