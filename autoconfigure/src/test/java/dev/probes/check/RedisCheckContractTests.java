package dev.probes.check;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.probes.autoconfigure.check.RedisCheckFactory;
import dev.probes.engine.DependencyStatus;
import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link RedisCheck} on an
 * application's Lettuce connection factory, as Spring Boot configures it, against a real
 * Redis server.
 */
class RedisCheckContractTests extends MessagingCheckContractTests {

	@Override
	protected DependencyCheck reachableCheck() {
		RealServices.Server redis = RealServices.redis();
		return check(redis.host(), redis.port(), redis.password());
	}

	@Override
	protected DependencyCheck refusedCheck() throws IOException {
		return check(LOOPBACK, ClosedPorts.find(), "");
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws IOException {
		FaultProxy proxy = blackHoledProxyTo(RealServices.redis().port());
		return check(proxy.host(), proxy.port(), "");
	}

	/**
	 * The server checks the password and rejects it: the login is where a secret travels.
	 */
	@Override
	protected CheckWithSecret failingCheckWithSecret() {
		RealServices.Server redis = RealServices.passwordRedis();
		String secret = "s3cr3t-pass";
		return new CheckWithSecret(check(redis.host(), redis.port(), secret), secret);
	}

	@Test
	void reportsPermanentFailureWhenPasswordIsWrong() throws Exception {
		RealServices.Server redis = RealServices.passwordRedis();
		// The right password logs in: what fails below is the wrong one.
		assertThat(
				awaitFirstState(check(redis.host(), redis.port(), redis.password()), Redactor.none()).state().status())
			.isEqualTo(DependencyStatus.UP);
		assertFailsPermanently(check(redis.host(), redis.port(), "wrong-password"), "WRONGPASS");
	}

	@Test
	void reportsPermanentFailureWhenPasswordIsMissing() throws Exception {
		RealServices.Server redis = RealServices.passwordRedis();
		assertFailsPermanently(check(redis.host(), redis.port(), ""), "NOAUTH");
	}

	private DependencyCheck check(String host, int port, String password) {
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(host, port);
		if (!password.isEmpty()) {
			server.setPassword(password);
		}
		// Spring Boot's default: Lettuce's shared connection, and its one-minute command
		// timeout.
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(server,
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMinutes(1)).build());
		connectionFactory.afterPropertiesSet();
		closeAfterTest(connectionFactory::destroy);
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("redisConnectionFactory", connectionFactory);
		return create(new RedisCheckFactory(beanFactory, getClass().getClassLoader()), null);
	}

}
