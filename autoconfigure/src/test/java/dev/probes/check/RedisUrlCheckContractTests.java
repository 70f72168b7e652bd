package dev.probes.check;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import dev.probes.autoconfigure.check.RedisCheckFactory;
import dev.probes.engine.DependencyStatus;
import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link RedisCheck} with a
 * {@code url}: a Lettuce client of the check's own, against a real Redis server.
 */
class RedisUrlCheckContractTests extends MessagingCheckContractTests {

	@Override
	protected DependencyCheck reachableCheck() {
		return check(RealServices.redis().url());
	}

	@Override
	protected DependencyCheck refusedCheck() throws IOException {
		return check(RealServices.redis().url(LOOPBACK, ClosedPorts.find(), ""));
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws IOException {
		FaultProxy proxy = blackHoledProxyTo(RealServices.redis().port());
		return check(RealServices.redis().url(proxy.host(), proxy.port(), ""));
	}

	/** The password travels in the URL's user info, and the server rejects it. */
	@Override
	protected CheckWithSecret failingCheckWithSecret() {
		String secret = "s3cr3t-pass";
		return new CheckWithSecret(check(RealServices.passwordRedis().url(secret)), secret);
	}

	@Test
	void reportsPermanentFailureWhenPasswordIsWrong() throws Exception {
		RealServices.Server redis = RealServices.passwordRedis();
		assertThat(awaitFirstState(check(redis.url()), Redactor.none()).state().status())
			.isEqualTo(DependencyStatus.UP);
		assertFailsPermanently(check(redis.url("wrong-password")), "WRONGPASS");
	}

	@Test
	void reportsPermanentFailureWhenPasswordIsMissing() throws Exception {
		assertFailsPermanently(check(RealServices.passwordRedis().url("")), "NOAUTH");
	}

	private DependencyCheck check(String url) {
		return create(new RedisCheckFactory(new DefaultListableBeanFactory(), getClass().getClassLoader()), url);
	}

}
