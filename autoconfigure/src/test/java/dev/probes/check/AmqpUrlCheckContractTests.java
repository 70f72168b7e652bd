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
		return check(RealServices.rabbitmq().url());
	}

	@Override
	protected DependencyCheck refusedCheck() throws IOException {
		RealServices.Server broker = RealServices.rabbitmq();
		return check(broker.url(LOOPBACK, ClosedPorts.find(), broker.password()));
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws IOException {
		FaultProxy proxy = blackHoledProxyTo(RealServices.rabbitmq().port());
		RealServices.Server broker = RealServices.rabbitmq();
		return check(broker.url(proxy.host(), proxy.port(), broker.password()));
	}

	/** The password travels in the URL's user info, and the broker refuses it. */
	@Override
	protected CheckWithSecret failingCheckWithSecret() {
		String secret = "s3cr3t-pass";
		return new CheckWithSecret(check(RealServices.rabbitmq().url(secret)), secret);
	}

	@Test
	void reportsPermanentFailureWhenLoginIsRefused() throws Exception {
		assertFailsPermanently(check(RealServices.rabbitmq().url("wrong-password")), "ACCESS_REFUSED");
	}

	private DependencyCheck check(String url) {
		return create(new AmqpCheckFactory(new DefaultListableBeanFactory()), url);
	}

}
