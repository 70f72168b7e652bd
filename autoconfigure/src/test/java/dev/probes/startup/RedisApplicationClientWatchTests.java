package dev.probes.startup;

import java.util.List;

import dev.probes.test.RealServices;

/**
 * {@link AbstractApplicationClientWatchTests Start-up watch tests} of the {@code redis}
 * type on Spring Boot's Lettuce connection factory, against the real Redis.
 */
class RedisApplicationClientWatchTests extends AbstractApplicationClientWatchTests {

	@Override
	protected String type() {
		return "redis";
	}

	@Override
	protected int serverPort() {
		return RealServices.redis().port();
	}

	@Override
	protected List<String> clientProperties(int port) {
		return List.of("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port);
	}

}
