package dev.probes.startup;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.probes.check.CheckResult;
import dev.probes.check.Redactor;
import dev.probes.engine.Backoff;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.CheckSettings;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wait's watch of a dependency's address, with the backoff at 5 s so that only the
 * watch can make the check run sooner: a real socket that starts to listen, and a check
 * that, like a database that has just started, fails its first attempt after that.
 */
class ReachabilityWatchTests {

	private final AtomicReference<ServerSocket> server = new AtomicReference<>();

	private CheckScheduler scheduler;

	@AfterEach
	void close() throws IOException {
		if (this.scheduler != null) {
			this.scheduler.close();
		}
		if (this.server.get() != null) {
			this.server.get().close();
		}
	}

	@Test
	void dependencyThatStartsListeningOnAnyOfItsAddressesIsCheckedAtOnceAndRetriedWhileItFails() throws Exception {
		int port;
		int stillClosed;
		try (ServerSocket probe = new ServerSocket(0); ServerSocket other = new ServerSocket(0)) {
			port = probe.getLocalPort();
			stillClosed = other.getLocalPort();
		}
		AtomicInteger attemptsWhileListening = new AtomicInteger();
		DependencyMonitor monitor = new DependencyMonitor("db", "test", (timeout) -> {
			if (this.server.get() == null) {
				throw new ConnectException("Connection refused");
			}
			// The first attempt after the server listens fails, as a database starting up
			// does.
			return (attemptsWhileListening.incrementAndGet() == 1) ? CheckResult.failure("starting up")
					: CheckResult.success();
		}, new CheckSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1), 1, 1,
				Duration.ofSeconds(30)), Redactor.none(), Clock.systemUTC(), List.of());
		monitor.backOffWhileDown(new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(5), 1, 0));
		this.scheduler = new CheckScheduler(List.of(monitor));
		this.scheduler.start();
		await().atMost(Duration.ofSeconds(2)).until(() -> monitor.state().status() == DependencyStatus.DOWN);
		try (ReachabilityWatch watch = new ReachabilityWatch(
				Map.of(monitor, List.of(InetSocketAddress.createUnresolved("127.0.0.1", stillClosed),
						InetSocketAddress.createUnresolved("127.0.0.1", port))))) {
			Thread.sleep(400);
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			listening.bind(new InetSocketAddress("127.0.0.1", port));
			this.server.set(listening);
			long listeningSince = System.nanoTime();
			// The backoff would make the next attempt up to 5 s later, and the one after
			// 5 s more.
			await().atMost(Duration.ofMillis(2500)).until(() -> monitor.state().status() == DependencyStatus.UP);
			assertThat(attemptsWhileListening.get()).isEqualTo(2);
			System.out.printf("MEASURED reachability watch: up %dms after the server listened%n",
					(System.nanoTime() - listeningSince) / 1_000_000);
		}
	}

}
