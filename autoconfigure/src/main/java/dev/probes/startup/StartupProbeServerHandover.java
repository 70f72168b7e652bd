package dev.probes.startup;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Closes the {@link StartupProbeServer} in the lifecycle phase just before the one in which
 * Spring Boot starts its web server, so that the port is free for it and the gap without an
 * answer is as short as a socket bind.
 */
public final class StartupProbeServerHandover implements SmartLifecycle {

	/**
	 * One below Spring Boot's web server start phase
	 * ({@code WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE}).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048 - 1;

	private final @Nullable StartupProbeServer server;

	private volatile boolean running;

	public StartupProbeServerHandover(@Nullable StartupProbeServer server) {
		this.server = server;
	}

	@Override
	public void start() {
		if (this.server != null) {
			this.server.close();
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
