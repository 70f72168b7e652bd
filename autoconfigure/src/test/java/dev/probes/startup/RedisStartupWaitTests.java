package dev.probes.startup;

import java.util.List;

import dev.probes.test.RealServices;

/**
 * {@link AbstractMessagingStartupWaitTests Start-up wait tests} of the {@code redis}
 * type, against a private Redis server that requires a password.
 */
class RedisStartupWaitTests extends AbstractMessagingStartupWaitTests {

	@Override
	protected String type() {
		return "redis";
	}

	@Override
	protected List<String> clientProperties(String password) {
		RealServices.Server redis = RealServices.passwordRedis();
		return List.of("spring.data.redis.host=" + redis.host(), "spring.data.redis.port=" + redis.port(),
				"spring.data.redis.password=" + password);
	}

	@Override
	protected String url(String password) {
		return RealServices.passwordRedis().url(password);
	}

	@Override
	protected String refusal() {
		return "WRONGPASS";
	}

	@Override
	protected String clientConfiguration() {
		return "spring.data.redis.*";
	}

}
