package dev.probes.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import dev.probes.web.Probe;
import dev.probes.web.ProbePaths;

/**
 * Where the application will serve its probes once started, read from the environment
 * before the context exists, so that the temporary servers of the start-up wait answer
 * the same paths: {@code /livez} and {@code /readyz} (or the groups' configured
 * additional paths), and Actuator's {@code <base-path>/health/liveness} and
 * {@code /health/readiness}, on the application port and on a separate management port.
 */
final class StartupProbePaths {

	/** Spring Boot's default {@code server.port}. */
	private static final int DEFAULT_SERVER_PORT = 8080;

	private static final String GROUP_PREFIX = "management.endpoint.health.group.";

	private final Binder binder;

	private final Environment environment;

	private final WebApplicationType webApplicationType;

	StartupProbePaths(Environment environment, WebApplicationType webApplicationType) {
		this.environment = environment;
		this.binder = Binder.get(environment);
		this.webApplicationType = webApplicationType;
	}

	@Nullable InetSocketAddress serverAddress() {
		int port = this.binder.bind("server.port", Integer.class).orElse(DEFAULT_SERVER_PORT);
		return (port >= 0) ? address(string("server.address"), port) : null;
	}

	ProbePaths serverPaths() {
		String contextPath = (this.webApplicationType == WebApplicationType.REACTIVE)
				? string("spring.webflux.base-path") : string("server.servlet.context-path");
		ProbePaths.Builder paths = ProbePaths.builder();
		boolean sharedPort = ManagementPortType.get(this.environment) == ManagementPortType.SAME;
		for (Probe probe : Probe.values()) {
			String server = additionalPath(probe, "server", probe.defaultPath());
			if (server != null) {
				paths.add(probe, join(contextPath, server));
			}
			if (sharedPort) {
				paths.add(probe, join(contextPath, actuatorPath(probe)));
				String management = additionalPath(probe, "management", null);
				if (management != null) {
					paths.add(probe, join(contextPath, management));
				}
			}
		}
		return paths.build();
	}

	@Nullable InetSocketAddress managementAddress() {
		if (ManagementPortType.get(this.environment) != ManagementPortType.DIFFERENT) {
			return null;
		}
		int port = this.binder.bind("management.server.port", Integer.class).orElse(-1);
		return (port > 0) ? address(string("management.server.address"), port) : null;
	}

	ProbePaths managementPaths() {
		String basePath = string("management.server.base-path");
		ProbePaths.Builder paths = ProbePaths.builder();
		for (Probe probe : Probe.values()) {
			paths.add(probe, join(basePath, actuatorPath(probe)));
			String management = additionalPath(probe, "management", null);
			if (management != null) {
				paths.add(probe, join(basePath, management));
			}
		}
		return paths.build();
	}

	private String actuatorPath(Probe probe) {
		String endpoints = this.binder.bind("management.endpoints.web.base-path", String.class).orElse("/actuator");
		return join(endpoints, "/health/" + probe.groupName());
	}

	/**
	 * Return a group's additional path in a namespace: {@code server:/healthz} is
	 * {@code /healthz} in {@code server}. Probes serves {@code server:/livez} and
	 * {@code server:/readyz} when the group names none.
	 */
	private @Nullable String additionalPath(Probe probe, String namespace, @Nullable String whenUnset) {
		String configured = string(GROUP_PREFIX + probe.groupName() + ".additional-path");
		if (configured == null) {
			return whenUnset;
		}
		int colon = configured.indexOf(':');
		if (colon < 0 || !configured.substring(0, colon).trim().equals(namespace)) {
			return null;
		}
		return configured.substring(colon + 1).trim();
	}

	private @Nullable String string(String name) {
		String value = this.binder.bind(name, String.class).orElse(null);
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	private static String join(@Nullable String base, String path) {
		String prefix = (base == null || base.equals("/")) ? "" : base;
		prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
		prefix = (prefix.isEmpty() || prefix.startsWith("/")) ? prefix : "/" + prefix;
		return prefix + (path.startsWith("/") ? path : "/" + path);
	}

	private static @Nullable InetSocketAddress address(@Nullable String host, int port) {
		try {
			return new InetSocketAddress((host != null) ? InetAddress.getByName(host) : null, port);
		}
		catch (UnknownHostException ex) {
			// The web server reports the bad address itself.
			return null;
		}
	}

}
