package dev.probes.autoconfigure.check;

import org.jspecify.annotations.Nullable;

/**
 * The keys of a type that reuses the application's connection factory or opens a client
 * of its own for a {@code url}: {@code redis} and {@code amqp}.
 */
public abstract class ConnectionFactorySettings {

	/**
	 * Name of the connection factory bean whose connection the check reuses (a
	 * RedisConnectionFactory, a RabbitMQ ConnectionFactory). Defaults to the
	 * application's only or primary one.
	 */
	private @Nullable String connectionFactory;

	/**
	 * URL of a server to check with a client of its own instead (redis:// or rediss://,
	 * amqp:// or amqps://). User info in it is never shown.
	 */
	private @Nullable String url;

	public @Nullable String getConnectionFactory() {
		return this.connectionFactory;
	}

	public void setConnectionFactory(@Nullable String connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

}
