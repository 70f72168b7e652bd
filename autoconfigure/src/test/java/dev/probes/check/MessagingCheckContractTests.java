package dev.probes.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;

import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;
import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DependencyCheckContractTests Contract tests} of a check that a factory makes
 * from a declaration, as the auto-configuration makes it, on a client that the test owns
 * (as an application owns its connection factory) or on a client of the check's own
 * ({@code url}). Closes the proxy first, then the clients: a client closes slowly while
 * it waits on a black-holed socket.
 */
abstract class MessagingCheckContractTests extends DependencyCheckContractTests {

	protected static final String LOOPBACK = "127.0.0.1";

	private final List<AutoCloseable> resources = new ArrayList<>();

	private FaultProxy proxy;

	@BeforeAll
	static void loadClients() throws Exception {
		// A JVM's first connection loads Lettuce and Netty, or the RabbitMQ client, which
		// takes
		// longer than the attempt's timeout: the contract is about the check, not class
		// loading.
		RedisClients.warmUp(RealServices.redis());
		AmqpClients.warmUp(RealServices.rabbitmq());
	}

	@AfterEach
	void closeProxyAndClients() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		this.resources.forEach(Resources::closeQuietly);
	}

	/**
	 * Start a proxy to a service on loopback that forwards nothing.
	 * @param port the service's port
	 * @return the proxy, closed after the test
	 * @throws IOException when the proxy cannot listen
	 */
	protected final FaultProxy blackHoledProxyTo(int port) throws IOException {
		this.proxy = FaultProxy.to(port);
		this.proxy.blackHole();
		return this.proxy;
	}

	/**
	 * Close a resource after the test.
	 * @param resource the resource
	 */
	protected final void closeAfterTest(AutoCloseable resource) {
		this.resources.add(resource);
	}

	/**
	 * Create a check as the auto-configuration does, closed after the test.
	 * @param factory the type's factory
	 * @param url the dependency's {@code url}, or {@code null} for the application's
	 * client
	 * @return the check
	 */
	protected final <S> DependencyCheck create(DependencyCheckFactory<S> factory, @Nullable String url) {
		S settings = BeanUtils.instantiateClass(factory.settingsType());
		new BeanWrapperImpl(settings).setPropertyValue("url", url);
		DependencyCheck check = factory.create(new DependencyDeclaration<>("cache", factory.type(), TIMEOUT, settings));
		closeAfterTest(check);
		return check;
	}

	/**
	 * Assert that a check fails with an error that retrying will not mend.
	 * @param check the check
	 * @param reply how the server's refusal starts, such as {@code WRONGPASS}
	 * @throws InterruptedException when the test is interrupted
	 */
	protected final void assertFailsPermanently(DependencyCheck check, String reply) throws InterruptedException {
		DependencyState state = awaitFirstState(check, Redactor.none()).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.permanent()).isTrue();
		assertThat(state.error()).startsWith(reply);
	}

}
