package dev.probes.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A private Redis server that requires a password, on a port of its own, for tests that
 * need a wrong password to fail: the machine's shared server has none. Made with the
 * machine's {@code redis-server}, without persistence, and stopped by its pid when the
 * JVM exits.
 */
final class PrivateRedis {

	private static final Duration START_LIMIT = Duration.ofSeconds(10);

	private PrivateRedis() {
	}

	static RealServices.Server start(String password) {
		try {
			int port = freePort();
			Process process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind",
					"127.0.0.1", "--requirepass", password, "--save", "", "--appendonly", "no", "--daemonize", "no"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
			awaitListening(process, port);
			return new RealServices.Server("redis", "127.0.0.1", port, "", password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void awaitListening(Process process, int port) {
		try {
			await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(20)).until(() -> listens(process, port));
		}
		catch (ConditionTimeoutException ex) {
			process.destroy();
			throw new IllegalStateException("redis-server (pid " + process.pid() + ") did not listen on port " + port);
		}
	}

	private static boolean listens(Process process, int port) {
		if (!process.isAlive()) {
			throw new IllegalStateException("redis-server (pid " + process.pid() + ") exited");
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
