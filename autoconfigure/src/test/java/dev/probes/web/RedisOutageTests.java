package dev.probes.web;

import java.util.List;

import dev.probes.test.RealServices;
import dev.probes.test.ServerConnections;

/**
 * {@link AbstractMessagingOutageTests Outage tests} for a {@code redis} dependency, with
 * Spring Boot's Lettuce connection factory and a real Redis server; connections are
 * counted by the server's {@code CLIENT LIST}.
 */
class RedisOutageTests extends AbstractMessagingOutageTests {

	@Override
	protected String type() {
		return "redis";
	}

	@Override
	protected int serverPort() {
		return RealServices.redis().port();
	}

	@Override
	protected List<String> clientProperties(String host, int port, String connectionName) {
		return List.of("spring.data.redis.host=" + host, "spring.data.redis.port=" + port,
				"spring.data.redis.client-name=" + connectionName);
	}

	@Override
	protected String ownClientUrl(String dependency) {
		return RealServices.redis().url() + "?clientName=" + ownClientConnectionName(dependency);
	}

	/** Lettuce names the connection after the URL's {@code clientName}. */
	@Override
	protected String ownClientConnectionName(String dependency) {
		return "probes-test-" + dependency;
	}

	@Override
	protected String urlWithPassword(String password) {
		return RealServices.passwordRedis().url(password);
	}

	@Override
	protected String refusal() {
		return "WRONGPASS";
	}

	@Override
	protected int serverConnections(String connectionName) throws Exception {
		return ServerConnections.redis(RealServices.redis(), connectionName);
	}

}
