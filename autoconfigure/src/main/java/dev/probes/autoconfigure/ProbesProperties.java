package dev.probes.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Probes: the dependencies to check and how.
 *
 * <p>
 * Unknown keys fail start-up: a misspelt {@code timeout} silently falling back to its
 * default is exactly the kind of surprise a probe must not hide. A dependency's keys are
 * those every type shares, bound here, and those of its type, bound into the type's own
 * settings class (see {@code DependencyCheckFactory}); so the check for unknown keys runs
 * once both are bound, over the whole of {@code probes.*}, rather than here.
 */
@ConfigurationProperties(prefix = "probes")
public class ProbesProperties {

	/** Whether Probes is active at all. */
	private boolean enabled = true;

	/** Dependencies to check, by name (lower-case letters, digits and '-'). */
	private final Map<String, Dependency> dependencies = new LinkedHashMap<>();

	/** The start-up wait. */
	private final Startup startup = new Startup();

	/**
	 * The probe port: a small HTTP server of its own that serves only /livez and /readyz.
	 */
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
		 * Whether deadlocked threads (as the JVM reports them) make /livez fail; checked
		 * in the background every 5 seconds.
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
		 * application, that serves only /livez and /readyz: for applications without a
		 * web server and for liveness that must answer while every request thread is
		 * busy. Off when not set; 0 picks a free port.
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
		 * Deadline of the wait; past it start-up fails with a report and a non-zero exit
		 * code.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		/** Retry schedule of the wait. */
		private final Backoff backoff = new Backoff();

		/**
		 * Whether, while it waits, the application creates the beans of Spring Boot and
		 * other libraries that do not need the dependencies, so that less is left to do
		 * once they answer.
		 */
		private boolean createEarly = true;

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

		public boolean isCreateEarly() {
			return this.createEarly;
		}

		public void setCreateEarly(boolean createEarly) {
			this.createEarly = createEarly;
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
	 * The keys that every type of dependency shares. The keys of each type are in its own
	 * settings class, bound from the same {@code probes.dependencies.<name>}.
	 */
	public static class Dependency {

		/**
		 * Type of check to run: jdbc, http, tcp, dns, redis, amqp, kafka,
		 * kubernetes-endpoints, health, or a type of your own.
		 */
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
		 * Age past which a result no longer counts as UP (the background checker
		 * stalled). Defaults to 3 times the interval.
		 */
		private @Nullable Duration maxStaleness;

		/**
		 * Fraction, from 0 to 1, by which each delay between attempts is shortened at
		 * random, so that the pods of a fleet do not check in lock-step. The first delay
		 * after start and after each change of status is drawn from the whole interval. 0
		 * for a fixed schedule.
		 */
		private double jitter = 0.1;

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

	}

}
