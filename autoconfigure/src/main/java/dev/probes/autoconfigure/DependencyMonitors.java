package dev.probes.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.probes.autoconfigure.ProbesProperties.Dependency;
import dev.probes.check.DeadlockCheck;
import dev.probes.check.DependencyCheck;
import dev.probes.check.Redactor;
import dev.probes.engine.Backoff;
import dev.probes.engine.CheckSettings;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.Durations;
import dev.probes.engine.StateListener;

/**
 * Turns the declared dependencies into monitors: validates the keys every type shares,
 * picks the factory for the type, and collects the secrets to mask.
 */
final class DependencyMonitors {

	/**
	 * Built-in types whose factory is only present with a client library. They are known
	 * types either way: a report names them, and asks for the library when one is used.
	 */
	private static final Map<String, String> CLIENT_LIBRARIES = Map.of("jdbc", "a JDBC driver and java.sql", "redis",
			"Spring Data Redis (spring-boot-starter-data-redis)", "amqp", "Spring AMQP (spring-boot-starter-amqp)",
			"kafka", "the Kafka client (spring-boot-starter-kafka or org.apache.kafka:kafka-clients)");

	/** Name of the liveness check that {@code probes.liveness.deadlock-detection} adds. */
	static final String DEADLOCK_CHECK = "deadlocks";

	private static final Duration DEADLOCK_INTERVAL = Duration.ofSeconds(5);

	/** Names taken by Spring Boot's health groups. */
	private static final Set<String> RESERVED_NAMES = Set.of("liveness", "readiness");

	private final Map<String, DependencyCheckFactory> factories = new LinkedHashMap<>();

	private final List<StateListener> listeners;

	private final Clock clock;

	DependencyMonitors(List<DependencyCheckFactory> factories, List<StateListener> listeners, Clock clock) {
		factories.forEach((factory) -> this.factories.putIfAbsent(factory.type(), factory));
		this.listeners = listeners;
		this.clock = clock;
	}

	List<DependencyMonitor> create(ProbesProperties properties) {
		List<DependencyMonitor> monitors = new ArrayList<>();
		List<DependencyCheck> created = new ArrayList<>();
		try {
			properties.getDependencies().forEach((name, dependency) -> monitors.add(create(name, dependency, created)));
			if (properties.getLiveness().isDeadlockDetection()) {
				monitors.add(deadlockMonitor(properties));
			}
			if (properties.getStartup().isWait()) {
				// Retry on the wait's backoff from the very first failure; the gate resets it.
				Backoff backoff = StartupSettings.backoff(properties.getStartup());
				monitors.stream().filter((monitor) -> monitor.settings().critical())
					.forEach((monitor) -> monitor.backOffWhileDown(backoff));
			}
			return monitors;
		}
		catch (RuntimeException ex) {
			// Start-up fails: release the pools of the checks created before the bad one.
			created.forEach(DependencyCheck::close);
			throw ex;
		}
	}

	/**
	 * The deadlock check: a member of liveness, never of readiness (not critical), on a
	 * schedule of its own; a thread dump's worth of work, so not more often than every 5 s.
	 */
	private DependencyMonitor deadlockMonitor(ProbesProperties properties) {
		if (properties.getDependencies().containsKey(DEADLOCK_CHECK)) {
			throw new InvalidDependencyException("probes.dependencies." + DEADLOCK_CHECK,
					"the name is taken by the deadlock check of probes.liveness.deadlock-detection",
					"Rename the dependency.");
		}
		CheckSettings settings = new CheckSettings(false, DEADLOCK_INTERVAL, DEADLOCK_INTERVAL, Duration.ofSeconds(2), 1,
				1, DEADLOCK_INTERVAL.multipliedBy(3));
		return new DependencyMonitor(DEADLOCK_CHECK, "deadlock", new DeadlockCheck(), settings, Redactor.none(),
				this.clock, this.listeners);
	}

	private DependencyMonitor create(String name, Dependency dependency, List<DependencyCheck> created) {
		DependencyDeclaration declaration = new DependencyDeclaration(name, dependency);
		validateName(name);
		CheckSettings settings = settings(declaration);
		DependencyCheckFactory factory = factory(declaration);
		TypeSpecificKeys.rejectUnread(declaration, factory);
		DependencyCheck check = factory.create(declaration);
		created.add(check);
		return new DependencyMonitor(name, factory.type(), check, settings, redactor(dependency), this.clock,
				this.listeners);
	}

	private static void validateName(String name) {
		String property = "probes.dependencies." + name;
		if (!DependencyDeclaration.isValidName(name)) {
			throw new InvalidDependencyException(property,
					"'" + name + "' is not a valid dependency name: use lower-case letters, digits and '-'",
					"Rename the dependency, for example to '" + suggestName(name) + "'.");
		}
		if (RESERVED_NAMES.contains(name)) {
			throw new InvalidDependencyException(property, "'" + name + "' is the name of a health group",
					"Rename the dependency.");
		}
	}

	private static String suggestName(String name) {
		String suggestion = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		return suggestion.isEmpty() ? "my-dependency" : suggestion;
	}

	static CheckSettings settings(DependencyDeclaration declaration) {
		Dependency dependency = declaration.properties();
		requirePositive(declaration, "interval", dependency.getInterval());
		requirePositive(declaration, "interval-when-down", dependency.getIntervalWhenDown());
		requirePositive(declaration, "timeout", dependency.getTimeout());
		requireAtLeastOne(declaration, "failure-threshold", dependency.getFailureThreshold());
		requireAtLeastOne(declaration, "success-threshold", dependency.getSuccessThreshold());
		requireIntervalNotShorterThanTimeout(declaration);
		Duration maxStaleness = dependency.getMaxStaleness();
		if (maxStaleness != null) {
			requirePositive(declaration, "max-staleness", maxStaleness);
			requireStalenessLongerThanACheck(declaration, maxStaleness);
		}
		else {
			// At least interval + 2 x timeout, as the interval is at least the timeout: a slow yet
			// successful attempt never looks stale.
			maxStaleness = dependency.getInterval().multipliedBy(3);
		}
		if (dependency.getJitter() < 0 || dependency.getJitter() > 1) {
			throw declaration.invalid("jitter", dependency.getJitter() + " is not between 0 and 1",
					"Set '" + declaration.property("jitter") + "' to a fraction such as 0.1, or 0 for a fixed schedule.");
		}
		return new CheckSettings(dependency.isCritical(), dependency.getInterval(), dependency.getIntervalWhenDown(),
				dependency.getTimeout(), dependency.getFailureThreshold(), dependency.getSuccessThreshold(),
				maxStaleness, dependency.getJitter());
	}

	private static void requirePositive(DependencyDeclaration declaration, String key, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw declaration.invalid(key, Durations.format(value) + " is not a positive duration",
					"Set '" + declaration.property(key) + "' to a positive duration such as 500ms or 10s.");
		}
	}

	/**
	 * An interval shorter than the timeout would let one slow attempt outlast it: the next
	 * attempt would be due while one is still running, and the interval no longer holds.
	 */
	private static void requireIntervalNotShorterThanTimeout(DependencyDeclaration declaration) {
		Duration interval = declaration.properties().getInterval();
		Duration timeout = declaration.properties().getTimeout();
		if (interval.compareTo(timeout) < 0) {
			throw declaration.invalid("interval",
					Durations.format(interval) + " is shorter than the timeout (" + Durations.format(timeout)
							+ "): an attempt could still be running when the next one is due",
					"Set '" + declaration.property("interval") + "' to at least the timeout, or shorten '"
							+ declaration.property("timeout") + "'.");
		}
	}

	/**
	 * While a dependency is up, its latest result is as old as one interval plus one attempt
	 * (at most the timeout) just before the next result: a shorter max-staleness would make
	 * an up dependency stale between every two checks.
	 */
	private static void requireStalenessLongerThanACheck(DependencyDeclaration declaration, Duration maxStaleness) {
		Duration check = declaration.properties().getInterval().plus(declaration.properties().getTimeout());
		if (maxStaleness.compareTo(check) <= 0) {
			throw declaration.invalid("max-staleness",
					Durations.format(maxStaleness) + " is not longer than interval + timeout (" + Durations.format(check)
							+ "): an up dependency would turn stale between two checks",
					"Set '" + declaration.property("max-staleness") + "' to more than " + Durations.format(check)
							+ ", or remove it for the default, 3 x interval.");
		}
	}

	private static void requireAtLeastOne(DependencyDeclaration declaration, String key, int value) {
		if (value < 1) {
			throw declaration.invalid(key, value + " is less than 1",
					"Set '" + declaration.property(key) + "' to 1 or more consecutive attempts.");
		}
	}

	private DependencyCheckFactory factory(DependencyDeclaration declaration) {
		String type = declaration.properties().getType();
		if (type == null || type.isBlank()) {
			throw declaration.invalid("type", "every dependency needs a type",
					"Set '" + declaration.property("type") + "' to one of " + knownTypes() + ".");
		}
		DependencyCheckFactory factory = this.factories.get(type);
		if (factory != null) {
			return factory;
		}
		String clientLibrary = CLIENT_LIBRARIES.get(type);
		if (clientLibrary != null) {
			throw declaration.invalid("type", "type '" + type + "' needs " + clientLibrary + " on the classpath",
					"Add " + clientLibrary + " to the application's dependencies.");
		}
		String meant = Typos.closest(type.toLowerCase(Locale.ROOT), knownTypeNames());
		throw declaration.invalid("type", "'" + type + "' is not a known check type",
				((meant != null) ? "Did you mean '" + meant + "'? " : "") + "Use one of " + knownTypes() + ".");
	}

	private String knownTypes() {
		return String.join(", ", knownTypeNames());
	}

	private Set<String> knownTypeNames() {
		Set<String> types = new TreeSet<>(this.factories.keySet());
		types.addAll(CLIENT_LIBRARIES.keySet());
		return types;
	}

	private static Redactor redactor(Dependency dependency) {
		List<String> secrets = new ArrayList<>();
		addIfPresent(secrets, dependency.getPassword());
		secrets.addAll(dependency.getHeaders().values());
		String userInfo = userInfo(dependency.getUrl());
		if (userInfo != null) {
			secrets.add(userInfo);
			int colon = userInfo.indexOf(':');
			if (colon >= 0) {
				secrets.add(userInfo.substring(colon + 1));
			}
		}
		return Redactor.of(secrets);
	}

	private static @Nullable String userInfo(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			return URI.create(url.startsWith("jdbc:") ? url.substring(5) : url).getRawUserInfo();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void addIfPresent(List<String> secrets, @Nullable String secret) {
		if (secret != null) {
			secrets.add(secret);
		}
	}

}
