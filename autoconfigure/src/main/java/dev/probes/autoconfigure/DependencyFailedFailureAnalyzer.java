package dev.probes.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.probes.startup.DependencyFailedException;

/**
 * Reports a critical dependency that failed at start-up with an error that waiting will
 * not mend, such as a rejected password, naming where its credentials are configured, or
 * the Role that a {@code kubernetes-endpoints} dependency's service account lacks.
 */
class DependencyFailedFailureAnalyzer extends AbstractFailureAnalyzer<DependencyFailedException> {

	private final Environment environment;

	DependencyFailedFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DependencyFailedException cause) {
		return new FailureAnalysis("Critical dependency '" + cause.getDependency()
				+ "' failed with an error that retrying will not" + " mend:\n\n    " + cause.getError(), action(cause),
				cause);
	}

	private String action(DependencyFailedException cause) {
		String dependency = cause.getDependency();
		String prefix = "probes.dependencies." + dependency + ".";
		if ("kubernetes-endpoints".equals(this.environment.getProperty(prefix + "type"))) {
			return KubernetesRbacAdvice.action(dependency, cause.getDetails());
		}
		if (this.environment.containsProperty(prefix + "url")) {
			return switch (String.valueOf(this.environment.getProperty(prefix + "type"))) {
				case "jdbc" -> "Fix the credentials or the database name in '" + prefix + "url', '" + prefix
						+ "username' and '" + prefix + "password'.";
				case "http" -> "Fix the credentials that '" + prefix + "headers' sends.";
				default -> "Fix the credentials in '" + prefix + "url'.";
			};
		}
		return switch (String.valueOf(this.environment.getProperty(prefix + "type"))) {
			case "redis" -> "Fix the password that the application uses for '" + dependency
					+ "' (for Spring Boot's RedisConnectionFactory: 'spring.data.redis.*').";
			case "amqp" -> "Fix the credentials that the application uses for '" + dependency
					+ "' (for Spring Boot's RabbitMQ ConnectionFactory: 'spring.rabbitmq.*').";
			case "kafka" -> "Fix the credentials or the permissions that the application's Kafka clients use for '"
					+ dependency + "' (for Spring Boot's: 'spring.kafka.properties.sasl.jaas.config',"
					+ " 'spring.kafka.security.*', 'spring.kafka.ssl.*').";
			default -> "Fix the credentials or the database name that the application uses for '" + dependency
					+ "' (for the application's DataSource: 'spring.datasource.*').";
		};
	}

}
