package dev.probes.startup;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the {@link StartupProbeServers} in the lifecycle phase just before the one in
 * which Spring Boot starts its web servers (the management server starts later still), so
 * that their ports are free for them and the gap without an answer is as short as a
 * socket bind.
 */
public final class StartupProbeServerHandover implements SmartLifecycle {

	/** One below the phase in which Spring Boot starts its web server. */
	static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;

	private final @Nullable StartupProbeServers servers;

	private volatile boolean running;

	public StartupProbeServerHandover(@Nullable StartupProbeServers servers) {
		this.servers = servers;
	}

	@Override
	public void start() {
		if (this.servers != null) {
			this.servers.close();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
