package dev.probes.autoconfigure;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.probes.check.InvalidPropertyException;
import dev.probes.startup.StartupProbeServers;
import dev.probes.web.Probe;
import dev.probes.web.ProbePaths;
import dev.probes.web.ProbeResponder;
import dev.probes.web.ProbeServer;
import dev.probes.web.ProbeVerdicts;

/**
 * Starts Probes' own HTTP servers as soon as the environment is known, before the context
 * exists, so that probes are answered from the first seconds of the process: the probe
 * port ({@code probes.server.port}) for the life of the application, and, while the
 * application waits for its dependencies, a temporary server on the application (and
 * management) port until Spring's web server takes it over. Hands them and their verdicts
 * to the context.
 */
class ProbeServerLauncher implements GenericApplicationListener {

	/**
	 * The only events it handles. Declared so that the context never calls it for the
	 * others, such as the event Spring MVC publishes for every request, probes included.
	 */
	private static final List<Class<?>> EVENT_TYPES = List.of(ApplicationEnvironmentPreparedEvent.class,
			ApplicationPreparedEvent.class, ApplicationFailedEvent.class);

	static final String VERDICTS_BEAN_NAME = "probesVerdicts";

	static final String PROBE_SERVER_BEAN_NAME = "probesProbeServer";

	static final String STARTUP_SERVERS_BEAN_NAME = "probesStartupProbeServers";

	private static final String PORT_PROPERTY = "probes.server.port";

	/** Not waited for: a health contributor exists only once the context is complete. */
	private static final String HEALTH_TYPE = "health";

	private static final Log logger = LogFactory.getLog(ProbeServerLauncher.class);

	private @Nullable ProbeVerdicts verdicts;

	private @Nullable ProbeServer probeServer;

	private final List<ProbeServer> startupServers = new ArrayList<>();

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		return EVENT_TYPES.stream().anyMatch((type) -> type.isAssignableFrom(eventType.toClass()));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			start(prepared.getEnvironment(), prepared.getSpringApplication().getWebApplicationType());
		}
		else if (event instanceof ApplicationPreparedEvent prepared) {
			handOver(prepared.getApplicationContext().getBeanFactory());
		}
		else if (event instanceof ApplicationFailedEvent) {
			closeAll();
		}
	}

	private void start(ConfigurableEnvironment environment, WebApplicationType webApplicationType) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("probes.enabled", Boolean.class).orElse(true)) {
			return;
		}
		Integer port = portOrNull(binder);
		boolean waits = binder.bind("probes.startup.wait", Boolean.class).orElse(false);
		boolean startupServers = waits && webApplicationType != WebApplicationType.NONE;
		if (waits && (port != null || startupServers)) {
			verdicts().waitingFor(awaitedDependencies(binder));
		}
		if (port != null) {
			startProbeServer(ProbeServerSettings.port(port));
		}
		if (startupServers) {
			StartupProbePaths paths = new StartupProbePaths(environment, webApplicationType);
			startStartupServer(paths.serverAddress(), paths.serverPaths());
			if (paths.managementAddress() != null) {
				startStartupServer(paths.managementAddress(), paths.managementPaths());
			}
		}
	}

	/**
	 * Name the dependencies that the start-up wait will await from the first probe on,
	 * long before the wait itself (a bean of the context) exists.
	 */
	private static List<String> awaitedDependencies(Binder binder) {
		try {
			return binder.bind("probes", ProbesProperties.class)
				.map((properties) -> properties.getDependencies()
					.entrySet()
					.stream()
					.filter((entry) -> entry.getValue().isCritical() && !HEALTH_TYPE.equals(entry.getValue().getType()))
					.map(Map.Entry::getKey)
					.toList())
				.orElse(List.of());
		}
		catch (RuntimeException ex) {
			// Bad input: binding ProbesProperties in the context reports it, naming the
			// property.
			return List.of();
		}
	}

	private static @Nullable Integer portOrNull(Binder binder) {
		try {
			return binder.bind(PORT_PROPERTY, Integer.class).orElse(null);
		}
		catch (org.springframework.boot.context.properties.bind.BindException ex) {
			// Not a number: binding ProbesProperties reports it, naming the property.
			return null;
		}
	}

	private void startProbeServer(int port) {
		try {
			this.probeServer = ProbeServer.start(new InetSocketAddress(port), "probes-http",
					new ProbeResponder(verdicts(), ProbePaths.defaults()), null);
			logger.info("Serving /livez and /readyz on probe port " + this.probeServer.port());
		}
		catch (BindException ex) {
			closeAll();
			throw new InvalidPropertyException(PORT_PROPERTY, "port " + port + " is already in use",
					"Set '" + PORT_PROPERTY + "' to a free port, or stop what listens on " + port + ".");
		}
		catch (IOException ex) {
			closeAll();
			throw new IllegalStateException("Could not serve probes on port " + port, ex);
		}
	}

	private void startStartupServer(@Nullable InetSocketAddress address, ProbePaths paths) {
		if (address == null) {
			return;
		}
		try {
			ProbeServer server = ProbeServer.start(address, "probes-startup-http",
					new ProbeResponder(verdicts(), paths), Probe.READINESS);
			this.startupServers.add(server);
			logger.info("Serving " + paths + " on port " + server.port() + " while the application starts");
		}
		catch (IOException | RuntimeException ex) {
			// The web server will report the port problem itself; the wait goes on
			// without probes.
			logger.warn("Could not serve probes during the start-up wait: " + ex.getMessage());
		}
	}

	private ProbeVerdicts verdicts() {
		if (this.verdicts == null) {
			this.verdicts = new ProbeVerdicts();
		}
		return this.verdicts;
	}

	private void handOver(ConfigurableListableBeanFactory beanFactory) {
		if (this.verdicts == null) {
			return;
		}
		beanFactory.registerSingleton(VERDICTS_BEAN_NAME, this.verdicts);
		DefaultSingletonBeanRegistry registry = (beanFactory instanceof DefaultSingletonBeanRegistry singletons)
				? singletons : null;
		ProbeVerdicts verdicts = this.verdicts;
		if (registry != null) {
			registry.registerDisposableBean(VERDICTS_BEAN_NAME, verdicts::close);
		}
		if (this.probeServer != null) {
			ProbeServer server = this.probeServer;
			beanFactory.registerSingleton(PROBE_SERVER_BEAN_NAME, server);
			// Closed last, with the singletons: liveness answers until the very end.
			if (registry != null) {
				registry.registerDisposableBean(PROBE_SERVER_BEAN_NAME, server::close);
			}
		}
		if (!this.startupServers.isEmpty()) {
			beanFactory.registerSingleton(STARTUP_SERVERS_BEAN_NAME, new StartupProbeServers(this.startupServers));
		}
	}

	private void closeAll() {
		this.startupServers.forEach(ProbeServer::close);
		this.startupServers.clear();
		if (this.probeServer != null) {
			this.probeServer.close();
			this.probeServer = null;
		}
	}

}
