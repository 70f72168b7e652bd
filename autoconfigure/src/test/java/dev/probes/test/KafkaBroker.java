package dev.probes.test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kafka.server.BrokerServer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.awaitility.Awaitility.await;

/**
 * A one-broker Kafka cluster (KRaft, broker and controller in one node) inside the test
 * JVM, started by spring-kafka-test's {@link EmbeddedKafkaKraftBroker}. Its broker can be
 * stopped and started again on the same port, as a restarted pod comes back behind its
 * Service, and it counts the client connections it holds, as its own metrics report them.
 *
 * <p>
 * The {@link #shared() shared} broker also has a listener that takes SASL/PLAIN logins
 * only, for {@link #USER} with {@link #PASSWORD} and {@link #UNPRIVILEGED_USER} with
 * {@link #UNPRIVILEGED_PASSWORD}, and authorizes every request with KRaft's
 * {@code StandardAuthorizer}: {@link #USER} and plain-text clients may do anything,
 * {@link #UNPRIVILEGED_USER} has no ACL at all.
 */
public final class KafkaBroker implements AutoCloseable {

	/** The user of the shared broker's SASL listener. */
	public static final String USER = "probes";

	/** The password of {@link #USER}. */
	public static final String PASSWORD = "r1ght-pa55word";

	/** A user of the shared broker's SASL listener that no ACL grants anything. */
	public static final String UNPRIVILEGED_USER = "outsider";

	/** The password of {@link #UNPRIVILEGED_USER}. */
	public static final String UNPRIVILEGED_PASSWORD = "0utsider-pa55word";

	/** The test kit's name of the listener that clients connect to. */
	private static final String CLIENT_LISTENER = "EXTERNAL";

	private static final String SASL_LISTENER = "SASL";

	private static KafkaBroker shared;

	private final EmbeddedKafkaKraftBroker embedded;

	// Read once: a stopped broker has no bound port to ask.
	private final String bootstrapServers;

	private KafkaBroker(EmbeddedKafkaKraftBroker embedded) {
		this.embedded = embedded;
		// The test kit sets spring.kafka.bootstrap-servers as a system property by
		// default,
		// which every later application in this JVM would read.
		this.embedded.brokerListProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
		this.embedded.afterPropertiesSet();
		this.bootstrapServers = embedded.getBrokersAsString();
	}

	/**
	 * Start a broker of the caller's own that takes plain-text connections without a
	 * login.
	 * @return the broker, to close
	 */
	public static KafkaBroker start() {
		EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, 1);
		// A restarted broker registers again only once the controller has ended the
		// session of
		// the one that stopped: 9 s by default, where a pod is replaced in about as long
		// as its
		// start takes.
		embedded.brokerProperties(Map.of("broker.session.timeout.ms", "1500", "broker.heartbeat.interval.ms", "300"));
		return new KafkaBroker(embedded);
	}

	/**
	 * Return the broker that the tests of this JVM share, started on first use and
	 * stopped when the JVM exits: one listener takes plain-text connections, another
	 * SASL/PLAIN logins only. A test must neither stop it nor leave connections behind.
	 * @return the broker
	 */
	public static synchronized KafkaBroker shared() {
		if (shared == null) {
			EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, 1);
			Map<String, String> properties = new HashMap<>();
			properties.put("listeners",
					CLIENT_LISTENER + "://localhost:0," + SASL_LISTENER + "://localhost:0,CONTROLLER://localhost:0");
			properties.put("listener.security.protocol.map",
					CLIENT_LISTENER + ":PLAINTEXT," + SASL_LISTENER + ":SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
			properties.put("sasl.enabled.mechanisms", "PLAIN");
			properties.put("listener.name." + SASL_LISTENER.toLowerCase(Locale.ROOT) + ".plain.sasl.jaas.config",
					"org.apache.kafka.common.security.plain.PlainLoginModule required user_" + USER + "=\"" + PASSWORD
							+ "\" user_" + UNPRIVILEGED_USER + "=\"" + UNPRIVILEGED_PASSWORD + "\";");
			properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
			// The controller, the broker and plain-text clients are ANONYMOUS.
			properties.put("super.users", "User:ANONYMOUS;User:" + USER);
			embedded.brokerProperties(properties);
			KafkaBroker broker = new KafkaBroker(embedded);
			Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-kafka-broker-shutdown"));
			shared = broker;
		}
		return shared;
	}

	/**
	 * Return a client's {@code sasl.jaas.config} that logs in with SASL/PLAIN.
	 * @param user the user
	 * @param password the password
	 * @return the JAAS configuration
	 */
	public static String plainLogin(String user, String password) {
		return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
				+ password + "\";";
	}

	/**
	 * Return the address of the plain-text listener.
	 * @return such as {@code localhost:40123}
	 */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Return the address of the listener that takes SASL/PLAIN logins only.
	 * @return such as {@code localhost:40124}
	 * @throws IllegalStateException when the broker has no such listener
	 */
	public String saslBootstrapServers() {
		int port = broker().boundPort(ListenerName.normalised(SASL_LISTENER));
		if (port <= 0) {
			throw new IllegalStateException("No SASL listener");
		}
		return "localhost:" + port;
	}

	/**
	 * Return the port of the plain-text listener, which stays the same across a restart.
	 * @return the port
	 */
	public int port() {
		return Integer.parseInt(this.bootstrapServers.substring(this.bootstrapServers.lastIndexOf(':') + 1));
	}

	/**
	 * Stop the broker, as a pod that goes away: its port refuses connections and open
	 * ones close. The controller keeps running.
	 */
	public void stop() {
		broker().shutdown(Duration.ofSeconds(10));
	}

	/**
	 * Start the stopped broker again on the same port; returns once it serves clients.
	 */
	public void restart() {
		broker().startup();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> broker().boundPort(ListenerName.normalised(CLIENT_LISTENER)) == port());
	}

	/**
	 * Return the number of client connections the broker holds open on its plain-text
	 * listener, as its socket server's {@code connection-count} metrics report them
	 * (summed over its network threads).
	 * @return the connections
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
