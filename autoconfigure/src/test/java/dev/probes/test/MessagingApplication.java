package dev.probes.test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.amqp.rabbit.connection.ConnectionNameStrategy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.StateListener;

/**
 * A web application that uses Redis, RabbitMQ and Kafka through Spring Boot's starters
 * and no database, as a user would write it; also run as its own process to see how it
 * exits. It counts the completed attempts of each dependency, and names its RabbitMQ
 * connections after {@code test.connection-name}, so that the broker lists them by that
 * name.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
public class MessagingApplication {

	@Bean
	AttemptCounter attemptCounter() {
		return new AttemptCounter();
	}

	@Bean
	@ConditionalOnProperty("test.connection-name")
	ConnectionNameStrategy testConnectionNames(Environment environment) {
		return (connectionFactory) -> environment.getRequiredProperty("test.connection-name");
	}

	public static void main(String[] args) {
		SpringApplication.run(MessagingApplication.class, args);
	}

	/**
	 * Counts the completed attempts of each dependency.
	 */
	public static final class AttemptCounter implements StateListener {

		private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();

		@Override
		public void attemptCompleted(DependencyMonitor dependency, DependencyState previous, DependencyState current) {
			this.attempts.computeIfAbsent(dependency.name(), (name) -> new AtomicLong()).incrementAndGet();
		}

		/**
		 * Return how many attempts of a dependency have completed.
		 * @param name the dependency's name
		 * @return the attempts
		 */
		public long of(String name) {
			AtomicLong count = this.attempts.get(name);
			return (count != null) ? count.get() : 0;
		}

	}

}
