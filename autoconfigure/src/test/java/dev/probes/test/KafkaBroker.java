package dev.probes.test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import kafka.server.BrokerServer;

import static org.awaitility.Awaitility.await;

/**
 * A one-broker Kafka cluster (KRaft, broker and controller in one node) inside the test JVM,
 * started by spring-kafka-test's {@link EmbeddedKafkaKraftBroker}. Its broker can be stopped
 * and started again on the same port, as a restarted pod comes back behind its Service, and
 * it counts the client connections it holds, as its own metrics report them.
 *
 * <p>
 * With {@link #withPassword(String, String)} the client listener takes only SASL/PLAIN
 * logins, with one user besides the broker's own.
 */
public final class KafkaBroker implements AutoCloseable {

	/** The test kit's name of the listener that clients connect to. */
	private static final String CLIENT_LISTENER = "EXTERNAL";

	private final EmbeddedKafkaKraftBroker embedded;

	// Read once: a stopped broker has no bound port to ask.
	private final String bootstrapServers;

	private KafkaBroker(EmbeddedKafkaKraftBroker embedded) {
		this.embedded = embedded;
		// The test kit sets spring.kafka.bootstrap-servers as a system property by default,
		// which every later application in this JVM would read.
		this.embedded.brokerListProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
		this.embedded.afterPropertiesSet();
		this.bootstrapServers = embedded.getBrokersAsString();
	}

	/**
	 * Start a broker that takes plain-text connections without a login.
	 * @return the broker
	 */
	public static KafkaBroker start() {
		return new KafkaBroker(new EmbeddedKafkaKraftBroker(1, 1));
	}

	/**
	 * Start a broker whose client listener takes SASL/PLAIN logins only.
	 * @param user the user that clients log in as
	 * @param password its password
	 * @return the broker
	 */
	public static KafkaBroker withPassword(String user, String password) {
		EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, 1);
		Map<String, String> properties = new HashMap<>();
		properties.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("sasl.enabled.mechanisms", "PLAIN");
		properties.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
		properties.put("listener.name." + CLIENT_LISTENER.toLowerCase(Locale.ROOT) + ".plain.sasl.jaas.config",
				plainLogin("broker", "broker-secret") + "user_broker=\"broker-secret\" user_" + user + "=\""
						+ password + "\";");
		embedded.brokerProperties(properties);
		return new KafkaBroker(embedded);
	}

	/**
	 * Return a client's {@code sasl.jaas.config} that logs in with SASL/PLAIN, without the
	 * final semicolon.
	 * @param user the user
	 * @param password the password
	 * @return the JAAS configuration
	 */
	public static String plainLogin(String user, String password) {
		return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
				+ "\" password=\"" + password + "\" ";
	}

	/**
	 * Return the broker's address for clients.
	 * @return such as {@code localhost:40123}
	 */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Return the port clients connect to, which stays the same across a restart.
	 * @return the port
	 */
	public int port() {
		return Integer.parseInt(this.bootstrapServers.substring(this.bootstrapServers.lastIndexOf(':') + 1));
	}

	/**
	 * Stop the broker, as a pod that goes away: its port refuses connections and open ones
	 * close. The controller keeps running.
	 */
	public void stop() {
		broker().shutdown(Duration.ofSeconds(10));
	}

	/**
	 * Start the stopped broker again on the same port, and wait until it listens.
	 */
	public void restart() {
		broker().startup();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> broker().boundPort(ListenerName.normalised(CLIENT_LISTENER)) == port());
	}

	/**
	 * Return the number of client connections the broker holds open, as its socket server's
	 * {@code connection-count} metrics report them (summed over its network threads).
	 * @return the connections on the client listener
	 */
	public int clientConnections() {
		double connections = 0;
		for (Map.Entry<MetricName, ? extends Metric> metric : broker().metrics().metrics().entrySet()) {
			MetricName name = metric.getKey();
			if (name.name().equals("connection-count") && name.group().equals("socket-server-metrics")
					&& CLIENT_LISTENER.equals(name.tags().get("listener"))) {
				connections += ((Number) metric.getValue().metricValue()).doubleValue();
			}
		}
		return (int) connections;
	}

	private BrokerServer broker() {
		KafkaClusterTestKit cluster = this.embedded.getCluster();
		if (cluster == null) {
			throw new IllegalStateException("The cluster is not running");
		}
		List<BrokerServer> brokers = List.copyOf(cluster.brokers().values());
		return brokers.get(0);
	}

	@Override
	public void close() {
		this.embedded.destroy();
	}

}
