package dev.probes.check;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import dev.probes.autoconfigure.check.AmqpCheckFactory;
import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link AmqpCheck} on an
 * application's caching connection factory, as Spring Boot configures it, against a real
 * RabbitMQ broker.
 */
class AmqpCheckContractTests extends MessagingCheckContractTests {

	@Override
	protected DependencyCheck reachableCheck() {
		RealServices.Server broker = RealServices.rabbitmq();
		return check(broker.host(), broker.port(), broker.password());
	}

	@Override
	protected DependencyCheck refusedCheck() throws IOException {
		return check(LOOPBACK, ClosedPorts.find(), RealServices.rabbitmq().password());
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws IOException {
		FaultProxy proxy = blackHoledProxyTo(RealServices.rabbitmq().port());
		return check(proxy.host(), proxy.port(), RealServices.rabbitmq().password());
	}

	/**
	 * The broker checks the password and refuses the login: the login is where a secret
	 * travels.
	 */
	@Override
	protected CheckWithSecret failingCheckWithSecret() {
		RealServices.Server broker = RealServices.rabbitmq();
		String secret = "s3cr3t-pass";
		return new CheckWithSecret(check(broker.host(), broker.port(), secret), secret);
	}

	@Test
	void reportsPermanentFailureWhenLoginIsRefused() throws Exception {
		RealServices.Server broker = RealServices.rabbitmq();
		assertFailsPermanently(check(broker.host(), broker.port(), "wrong-password"), "ACCESS_REFUSED");
	}

	private DependencyCheck check(String host, int port, String password) {
		CachingConnectionFactory connectionFactory = new CachingConnectionFactory(host, port);
		connectionFactory.setUsername(RealServices.rabbitmq().username());
		connectionFactory.setPassword(password);
		closeAfterTest(connectionFactory::destroy);
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("rabbitConnectionFactory", connectionFactory);
		return create(new AmqpCheckFactory(beanFactory), null);
	}

}
