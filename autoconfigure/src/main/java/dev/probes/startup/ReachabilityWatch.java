package dev.probes.startup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyStatus;

/**
 * While the start-up wait lasts, watches whether each awaited dependency's address
 * accepts TCP connections, and has its check run at once when it starts to. A connect
 * costs the server nothing like a login, so it can be tried every 150 ms, where the check
 * itself backs off to seconds: the application notices a database that comes back at
 * once, whatever the backoff has grown to.
 *
 * <p>
 * A change from refused (or unresolvable) to accepted runs the check, as does a server
 * that accepts at the watch's first look (it may have started to between the failed
 * attempt and the watch's start), and, while the check still fails, up to
 * {@value #RETRIES_AFTER_ACCEPT} more times a second apart: a database that has just
 * started to listen may not take logins yet, and a first attempt may time out while a
 * pool starts. After that, a server that accepts connections but fails the check is left
 * to the backoff, which spares it a login every second.
 */
final class ReachabilityWatch implements AutoCloseable {

	static final Duration PERIOD = Duration.ofMillis(150);

	static final int RETRIES_AFTER_ACCEPT = 3;

	private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();

	private final Map<DependencyMonitor, List<InetSocketAddress>> addresses;

	private final Map<DependencyMonitor, Boolean> accepted = new HashMap<>();

	private final Map<DependencyMonitor, Retries> retries = new HashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "probes-startup-watch");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Start watching.
	 * @param addresses the addresses of each monitor to watch, unresolved: any of them
	 * accepting counts
	 */
	ReachabilityWatch(Map<DependencyMonitor, List<InetSocketAddress>> addresses) {
		this.addresses = Map.copyOf(addresses);
		if (!this.addresses.isEmpty()) {
			this.timer.scheduleWithFixedDelay(this::poll, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void poll() {
		this.addresses.forEach((monitor, addresses) -> {
			if (monitor.state().status() == DependencyStatus.UP) {
				return;
			}
			boolean accepts = addresses.stream().anyMatch(ReachabilityWatch::accepts);
			// Not known to accept before the first look: the server may have started to
			// accept between the failed attempt and the watch's start.
			boolean accepted = Boolean.TRUE.equals(this.accepted.put(monitor, accepts));
			long now = System.nanoTime();
			if (accepts && !accepted) {
				this.retries.put(monitor, new Retries(RETRIES_AFTER_ACCEPT, now));
				monitor.checkNow();
			}
			else if (accepts) {
				Retries left = this.retries.get(monitor);
				if (left != null && left.count() > 0 && now - left.lastNanos() >= RETRY_NANOS) {
					this.retries.put(monitor, new Retries(left.count() - 1, now));
					monitor.checkNow();
				}
			}
		});
	}

	private record Retries(int count, long lastNanos) {
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
