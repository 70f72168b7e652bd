package dev.probes.check;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import dev.probes.autoconfigure.check.AmqpCheckFactory;
import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link AmqpCheck} with a
 * {@code url}: a connection of the check's own, against a real RabbitMQ broker.
 */
class AmqpUrlCheckContractTests extends MessagingCheckContractTests {

	@Override
	protected DependencyCheck reachableCheck() {
		RealServices.Server broker = RealServices.rabbitmq();
		return check(url(broker.password(), broker.host(), broker.port()));
	}

	@Override
	protected DependencyCheck refusedCheck() throws IOException {
		return check(url(RealServices.rabbitmq().password(), LOOPBACK, ClosedPorts.find()));
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws IOException {
		FaultProxy proxy = blackHoledProxyTo(RealServices.rabbitmq().port());
		return check(url(RealServices.rabbitmq().password(), proxy.host(), proxy.port()));
	}

	/** The password travels in the URL's user info, and the broker refuses it. */
	@Override
	protected CheckWithSecret failingCheckWithSecret() {
		RealServices.Server broker = RealServices.rabbitmq();
		String secret = "s3cr3t-pass";
		return new CheckWithSecret(check(url(secret, broker.host(), broker.port())), secret);
	}

	@Test
	void reportsPermanentFailureWhenLoginIsRefused() throws Exception {
		RealServices.Server broker = RealServices.rabbitmq();
		assertFailsPermanently(check(url("wrong-password", broker.host(), broker.port())), "ACCESS_REFUSED");
	}

	private static String url(String password, String host, int port) {
		return "amqp://" + RealServices.rabbitmq().username() + ":" + password + "@" + host + ":" + port;
	}

	private DependencyCheck check(String url) {
		return create(new AmqpCheckFactory(new DefaultListableBeanFactory()), url);
	}

}
