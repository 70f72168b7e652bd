package dev.probes.startup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyStatus;

/**
 * While the start-up wait lasts, watches whether each awaited dependency's address accepts
 * TCP connections, and has its check run at once when it starts to. A connect costs the
 * server nothing like a login, so it can be tried every 150 ms, where the check itself backs
 * off to seconds: the application notices a database that comes back at once, whatever the
 * backoff has grown to.
 *
 * <p>
 * Only a change from refused (or unresolvable) to accepted runs the check: a server that
 * accepts connections but fails the check, such as a database still starting up, is left to
 * the backoff.
 */
final class ReachabilityWatch implements AutoCloseable {

	static final Duration PERIOD = Duration.ofMillis(150);

	private final Map<DependencyMonitor, InetSocketAddress> addresses;

	private final Map<DependencyMonitor, Boolean> accepted = new HashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "probes-startup-watch");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Start watching.
	 * @param addresses the address of each monitor to watch, unresolved
	 */
	ReachabilityWatch(Map<DependencyMonitor, InetSocketAddress> addresses) {
		this.addresses = Map.copyOf(addresses);
		if (!this.addresses.isEmpty()) {
			this.timer.scheduleWithFixedDelay(this::poll, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void poll() {
		this.addresses.forEach((monitor, address) -> {
			if (monitor.state().status() == DependencyStatus.UP) {
				return;
			}
			boolean accepts = accepts(address);
			Boolean before = this.accepted.put(monitor, accepts);
			if (accepts && Boolean.FALSE.equals(before)) {
				monitor.checkNow();
			}
		});
	}

	private static boolean accepts(InetSocketAddress unresolved) {
		// Resolved on every attempt: a Service's name may only appear once it exists.
		InetSocketAddress address = new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
		if (address.isUnresolved()) {
			return false;
		}
		try (Socket socket = new Socket()) {
			socket.connect(address, (int) PERIOD.toMillis());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
