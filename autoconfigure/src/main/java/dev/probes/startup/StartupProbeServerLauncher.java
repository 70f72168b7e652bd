package dev.probes.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the {@link StartupProbeServer} as soon as the environment is known, when the
 * application will wait for its dependencies, so that probes are answered from the first
 * seconds of the process; hands it to the context as a bean, and closes it if start-up
 * fails.
 */
public class StartupProbeServerLauncher implements GenericApplicationListener {

	/**
	 * The only events it handles. Declared so that the context never calls it for the
	 * others, such as the event Spring MVC publishes for every request, probes included.
	 */
	private static final List<Class<?>> EVENT_TYPES = List.of(ApplicationEnvironmentPreparedEvent.class,
			ApplicationPreparedEvent.class, ApplicationFailedEvent.class, ApplicationReadyEvent.class);

	/** The bean name under which the running server is handed to the context. */
	public static final String BEAN_NAME = "probesStartupProbeServer";

	private static final Log logger = LogFactory.getLog(StartupProbeServerLauncher.class);

	private static final int DEFAULT_PORT = 8080;

	private @Nullable StartupProbeServer server;

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		return EVENT_TYPES.stream().anyMatch((type) -> type.isAssignableFrom(eventType.toClass()));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			start(prepared);
		}
		else if (event instanceof ApplicationPreparedEvent prepared && this.server != null) {
			prepared.getApplicationContext().getBeanFactory().registerSingleton(BEAN_NAME, this.server);
		}
		else if (event instanceof ApplicationFailedEvent || event instanceof ApplicationReadyEvent) {
			close();
		}
	}

	private void start(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		boolean waits = environment.getProperty("probes.enabled", Boolean.class, true)
				&& environment.getProperty("probes.startup.wait", Boolean.class, false);
		if (!waits || event.getSpringApplication().getWebApplicationType() == WebApplicationType.NONE) {
			return;
		}
		int port = environment.getProperty("server.port", Integer.class, DEFAULT_PORT);
		if (port < 0) {
			return;
		}
		try {
			String host = environment.getProperty("server.address");
			InetAddress address = (host != null) ? InetAddress.getByName(host) : null;
			this.server = StartupProbeServer.start(new InetSocketAddress(address, port));
		}
		catch (IOException | RuntimeException ex) {
			// The web server will report the port problem itself; the wait goes on without probes.
			logger.warn("Could not serve /livez and /readyz during the start-up wait: " + ex.getMessage());
		}
	}

	private void close() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

}
