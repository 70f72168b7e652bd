package dev.probes.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A health indicator as an application without Probes writes it: it connects when asked,
 * on the thread that asks, with a 2 s connect timeout (the default of a Probes check).
 */
final class TcpHealthIndicator implements HealthIndicator {

	private static final int TIMEOUT_MILLIS = 2000;

	private final String host;

	private final int port;

	TcpHealthIndicator(String host, int port) {
		this.host = host;
		this.port = port;
	}

	@Override
	public Health health() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), TIMEOUT_MILLIS);
			return Health.up().build();
		}
		catch (IOException ex) {
			return Health.down().withDetail("error", ex.getClass().getSimpleName()).build();
		}
	}

}
