package dev.probes.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Probes: the dependencies to check and how.
 *
 * <p>
 * Unknown keys fail start-up: a misspelt {@code timeout} silently falling back to its
 * default is exactly the kind of surprise a probe must not hide.
 */
@ConfigurationProperties(prefix = "probes", ignoreUnknownFields = false)
public class ProbesProperties {

	/** Whether Probes is active at all. */
	private boolean enabled = true;

	/** Dependencies to check, by name (lower-case letters, digits and '-'). */
	private final Map<String, Dependency> dependencies = new LinkedHashMap<>();

	/** The start-up wait. */
	private final Startup startup = new Startup();

	/** The probe port: a small HTTP server of its own that serves only /livez and /readyz. */
	private final Server server = new Server();

	/** What happens to the probes when the application shuts down. */
	private final Shutdown shutdown = new Shutdown();

	/** Checks of the process itself, members of liveness. */
	private final Liveness liveness = new Liveness();

	public boolean isEnabled() {
		return this.enabled;
	}

	public Startup getStartup() {
		return this.startup;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Dependency> getDependencies() {
		return this.dependencies;
	}

	public Server getServer() {
		return this.server;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Liveness getLiveness() {
		return this.liveness;
	}

	/**
	 * Checks of the process itself: never a dependency.
	 */
	public static class Liveness {

		/**
		 * Whether deadlocked threads (as the JVM reports them) make /livez fail; checked in
		 * the background every 5 seconds.
		 */
		private boolean deadlockDetection;

		public boolean isDeadlockDetection() {
			return this.deadlockDetection;
		}

		public void setDeadlockDetection(boolean deadlockDetection) {
			this.deadlockDetection = deadlockDetection;
		}

	}

	/**
	 * Draining traffic away before the application stops serving.
	 */
	public static class Shutdown {

		/**
		 * How long, once shutdown begins, readiness answers 503 while requests are still
		 * served, before Spring's graceful shutdown proceeds: time for the endpoints
		 * controller and every kube-proxy to take the pod out of rotation.
		 */
		private Duration drainDelay = Duration.ZERO;

		public Duration getDrainDelay() {
			return this.drainDelay;
		}

		public void setDrainDelay(Duration drainDelay) {
			this.drainDelay = drainDelay;
		}

	}

	/**
	 * A dedicated probe port, next to Spring Boot's own server and management ports.
	 */
	public static class Server {

		/**
		 * Port of a small dedicated HTTP server, on its own thread for the life of the
		 * application, that serves only /livez and /readyz: for applications without a web
		 * server and for liveness that must answer while every request thread is busy. Off
		 * when not set; 0 picks a free port.
		 */
		private @Nullable Integer port;

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

	}

	/**
	 * Holding the application until its critical dependencies are up.
	 */
	public static class Startup {

		/**
		 * Whether the application waits for its critical dependencies before migrations,
		 * JPA, runners and readiness. While it waits, /livez answers 200 and /readyz 503.
		 */
		private boolean wait;

		/**
		 * Deadline of the wait; past it start-up fails with a report and a non-zero exit code.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		/** Retry schedule of the wait. */
		private final Backoff backoff = new Backoff();

		public boolean isWait() {
			return this.wait;
		}

		public void setWait(boolean wait) {
			this.wait = wait;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Backoff getBackoff() {
			return this.backoff;
		}

	}

	/**
	 * Exponential backoff with a cap and jitter.
	 */
	public static class Backoff {

		/** Delay after the first failed attempt. */
		private Duration initial = Duration.ofMillis(100);

		/** Longest delay between attempts. */
		private Duration max = Duration.ofSeconds(5);

		/** Factor by which the delay grows after each failed attempt, at least 1. */
		private double multiplier = 2;

		/** Fraction by which each delay varies at random, from 0 to 1. */
		private double jitter = 0.2;

		public Duration getInitial() {
			return this.initial;
		}

		public void setInitial(Duration initial) {
			this.initial = initial;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			this.max = max;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

	}

	/**
	 * One declared dependency. Common keys apply to every type; the others to their type.
	 */
	public static class Dependency {

		/** Type of check to run: jdbc, http, tcp, dns, redis, amqp, kafka or health. */
		private @Nullable String type;

		/**
		 * Whether the dependency fails readiness and is waited for at start-up. A
		 * non-critical dependency is only reported.
		 */
		private boolean critical = true;

		/** How often the check runs in the background while the dependency is up. */
		private Duration interval = Duration.ofSeconds(10);

		/** How often the check runs while the dependency is down or unknown. */
		private Duration intervalWhenDown = Duration.ofSeconds(2);

		/** Time limit for one check attempt; an attempt past it counts as a failure. */
		private Duration timeout = Duration.ofSeconds(2);

		/** Consecutive failures before an UP dependency is reported DOWN. */
		private int failureThreshold = 1;

		/** Consecutive successes before a DOWN dependency is reported UP. */
		private int successThreshold = 1;

		/**
		 * Age past which a result no longer counts as UP (the background checker stalled).
		 * Defaults to 3 times the interval.
		 */
		private @Nullable Duration maxStaleness;

		/**
		 * Fraction, from 0 to 1, by which each delay between attempts is shortened at random,
		 * so that the pods of a fleet do not check in lock-step. The first delay after start
		 * and after each change of status is drawn from the whole interval. 0 for a fixed
		 * schedule.
		 */
		private double jitter = 0.1;

		/** jdbc: name of the DataSource bean to use. Defaults to the primary DataSource. */
		private @Nullable String dataSource;

		/**
		 * jdbc: JDBC URL of a database to check with a connection of its own; http: URL to
		 * get; redis: redis:// or rediss:// URL, amqp: amqp:// or amqps:// URL of a server to
		 * check with a client of its own instead of the application's connection factory.
		 * User info in it is never shown.
		 */
		private @Nullable String url;

		/**
		 * redis, amqp: name of the connection factory bean whose connection the check reuses
		 * (a RedisConnectionFactory, or a RabbitMQ ConnectionFactory). Defaults to the
		 * application's only or primary one.
		 */
		private @Nullable String connectionFactory;

		/** jdbc: login user, with 'url'. */
		private @Nullable String username;

		/** jdbc: login password, with 'url'. Never shown. */
		private @Nullable String password;

		/** jdbc: query to run. Defaults to the driver's Connection.isValid. */
		private @Nullable String query;

		/** http: status codes that count as up, as codes and ranges such as '200-399' or '200,204'. */
		private String expectedStatus = "200-399";

		/** http: headers to send, for example an authorization token. Values are never shown. */
		private final Map<String, String> headers = new LinkedHashMap<>();

		/** tcp, dns: host name or address. */
		private @Nullable String host;

		/** tcp: port to connect to. */
		private @Nullable Integer port;

		/** dns: minimum number of addresses the host must resolve to. */
		private int minAddresses = 1;

		/**
		 * dns: DNS server to ask directly (host or host:port), bypassing the JVM's resolver,
		 * its cache and the search domains. Defaults to the JVM's resolver.
		 */
		private @Nullable String server;

		/**
		 * health: name of an existing Spring Boot health contributor to run in the
		 * background, such as 'db'.
		 */
		private @Nullable String contributor;

		/**
		 * kafka: bootstrap servers (host:port) of the cluster to check, in place of the
		 * application's (spring.kafka.bootstrap-servers). The rest of the application's Kafka
		 * admin configuration, such as SSL and SASL settings, still applies.
		 */
		private @Nullable List<String> bootstrapServers;

		/** kafka: minimum number of brokers the cluster must have to count as up. */
		private int minBrokers = 1;

		public @Nullable String getContributor() {
			return this.contributor;
		}

		public void setContributor(@Nullable String contributor) {
			this.contributor = contributor;
		}

		public @Nullable String getType() {
			return this.type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

		public boolean isCritical() {
			return this.critical;
		}

		public void setCritical(boolean critical) {
			this.critical = critical;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getIntervalWhenDown() {
			return this.intervalWhenDown;
		}

		public void setIntervalWhenDown(Duration intervalWhenDown) {
			this.intervalWhenDown = intervalWhenDown;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public int getSuccessThreshold() {
			return this.successThreshold;
		}

		public void setSuccessThreshold(int successThreshold) {
			this.successThreshold = successThreshold;
		}

		public @Nullable Duration getMaxStaleness() {
			return this.maxStaleness;
		}

		public void setMaxStaleness(@Nullable Duration maxStaleness) {
			this.maxStaleness = maxStaleness;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public @Nullable String getDataSource() {
			return this.dataSource;
		}

		public void setDataSource(@Nullable String dataSource) {
			this.dataSource = dataSource;
		}

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

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getQuery() {
			return this.query;
		}

		public void setQuery(@Nullable String query) {
			this.query = query;
		}

		public String getExpectedStatus() {
			return this.expectedStatus;
		}

		public void setExpectedStatus(String expectedStatus) {
			this.expectedStatus = expectedStatus;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getServer() {
			return this.server;
		}

		public void setServer(@Nullable String server) {
			this.server = server;
		}

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

		public int getMinAddresses() {
			return this.minAddresses;
		}

		public void setMinAddresses(int minAddresses) {
			this.minAddresses = minAddresses;
		}

	}

}
