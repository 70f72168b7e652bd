package dev.probes.check;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import dev.probes.test.RealServices;

/**
 * Loads and exercises Lettuce once, so that a test's timings are the check's, not the
 * JVM's first use of Lettuce and Netty.
 */
final class RedisClients {

	private RedisClients() {
	}

	static void warmUp(RealServices.Server server) {
		RedisClient client = RedisClient.create(RedisURI.create(server.host(), server.port()));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().ping();
		}
		finally {
			client.shutdown();
		}
	}

}
