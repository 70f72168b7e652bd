package dev.probes.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A check type on an application's client in {@link DependencyChecksAutoConfiguration}:
 * present with the client library, checking the application's connection factory as
 * Spring Boot configures it (or the one named), backing off for a factory of the user's,
 * against a real server. Written once, run for each client type.
 */
abstract class AbstractMessagingCheckAutoConfigurationTests {

	private final String type;

	private final Class<?> clientAutoConfiguration;

	private final Class<? extends DependencyCheck> checkClass;

	private final Class<? extends DependencyCheckFactory<?>> factoryClass;

	private final Class<?> clientLibraryClass;

	private final Class<?> twoConnectionFactories;

	private final Class<?> userFactory;

	/**
	 * Create the tests of a type.
	 * @param type the check type, {@code redis} or {@code amqp}
	 * @param clientAutoConfiguration Spring Boot's auto-configuration of the client
	 * @param checkClass the class of the checks the type makes
	 * @param factoryClass the class of the type's factory
	 * @param clientLibraryClass a class of the client library, whose absence switches the
	 * type off
	 * @param twoConnectionFactories a configuration with a primary connection factory
	 * where nothing listens and one named {@code cache} for the real server
	 * @param userFactory a configuration with a bean named {@code userCheckFactory} of
	 * the type's factory
	 */
	protected AbstractMessagingCheckAutoConfigurationTests(String type, Class<?> clientAutoConfiguration,
			Class<? extends DependencyCheck> checkClass, Class<? extends DependencyCheckFactory<?>> factoryClass,
			Class<?> clientLibraryClass, Class<?> twoConnectionFactories, Class<?> userFactory) {
		this.type = type;
		this.clientAutoConfiguration = clientAutoConfiguration;
		this.checkClass = checkClass;
		this.factoryClass = factoryClass;
		this.clientLibraryClass = clientLibraryClass;
		this.twoConnectionFactories = twoConnectionFactories;
		this.userFactory = userFactory;
	}

	/**
	 * Return the configuration of Spring Boot's client for a server on loopback.
	 * @param port the server's port
	 * @return properties such as {@code spring.data.redis.port=...}
	 */
	protected abstract List<String> clientProperties(int port);

	/**
	 * Return the port of the real server on loopback.
	 * @return the port
	 */
	protected abstract int serverPort();

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(this.clientAutoConfiguration, DependencyChecksAutoConfiguration.class));
	}

	@Test
	void runWhenDependencyDeclaredChecksApplicationsConnectionFactory() {
		contextRunner().withPropertyValues(properties(serverPort())).run((context) -> {
			DependencyMonitor monitor = monitor(context);
			assertThat(monitor.type()).isEqualTo(this.type);
			assertThat(monitor.check()).isInstanceOf(this.checkClass);
			assertThat(firstState(monitor).status()).isEqualTo(DependencyStatus.UP);
		});
	}

	@Test
	void runWhenApplicationsConnectionFactoryPointsAtClosedPortReportsRefused() throws IOException {
		contextRunner().withPropertyValues(properties(closedPort())).run((context) -> {
			DependencyState state = firstState(monitor(context));
			assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
			assertThat(state.error()).isEqualTo("connection refused");
		});
	}

	@Test
	void runWhenConnectionFactoryNamedChecksThatBean() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class))
			.withUserConfiguration(this.twoConnectionFactories)
			.withPropertyValues("probes.dependencies.cache.type=" + this.type,
					"probes.dependencies.cache.connection-factory=cache")
			.run((context) -> assertThat(firstState(monitor(context)).status()).isEqualTo(DependencyStatus.UP));
	}

	@Test
	void runWithoutClientLibraryRegistersNoFactoryForTheType() {
		contextRunner().withClassLoader(new FilteredClassLoader(this.clientLibraryClass))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(this.factoryClass));
	}

	@Test
	void runWhenUserDefinesFactoryForTheTypeBacksOff() {
		contextRunner().withUserConfiguration(this.userFactory)
			.run((context) -> assertThat(context).getBeans(this.factoryClass).containsOnlyKeys("userCheckFactory"));
	}

	private String[] properties(int port) {
		List<String> properties = new ArrayList<>(clientProperties(port));
		properties.add("probes.dependencies.cache.type=" + this.type);
		return properties.toArray(String[]::new);
	}

	private static DependencyMonitor monitor(ApplicationContext context) {
		return context.getBean(CheckScheduler.class).monitor("cache").orElseThrow();
	}

	private static DependencyState firstState(DependencyMonitor monitor) {
		await().atMost(Duration.ofSeconds(10)).until(() -> monitor.state().status() != DependencyStatus.UNKNOWN);
		return monitor.state();
	}

	/**
	 * Return a loopback port where nothing listens.
	 * @return the port
	 * @throws IOException when no port could be bound
	 */
	protected static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
