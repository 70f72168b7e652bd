package dev.probes.autoconfigure.check;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Keys of a {@code kafka} dependency.
 */
public class KafkaCheckProperties {

	/**
	 * Bootstrap servers (host:port) of the cluster to check, in place of the
	 * application's (spring.kafka.bootstrap-servers). The rest of the application's Kafka
	 * admin configuration, such as SSL and SASL settings, still applies.
	 */
	private @Nullable List<String> bootstrapServers;

	/** Minimum number of brokers the cluster must have to count as up. */
	private int minBrokers = 1;

	public @Nullable List<String> getBootstrapServers() {
		return this.bootstrapServers;
	}

	public void setBootstrapServers(@Nullable List<String> bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	public int getMinBrokers() {
		return this.minBrokers;
	}

	public void setMinBrokers(int minBrokers) {
		this.minBrokers = minBrokers;
	}

}
