package dev.probes.startup;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Serves {@code /livez} (200) and {@code /readyz} (503, naming the dependencies awaited) on
 * the application port while the application waits for its dependencies, before Spring's
 * web server has started; it hands the port over just before the web server binds it.
 *
 * <p>
 * Without it, the kubelet's startup and liveness probes would find nothing listening
 * during the wait and restart the pod, which is the crash loop the wait exists to avoid.
 */
public final class StartupProbeServer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(StartupProbeServer.class);

	private final HttpServer server;

	private final ExecutorService executor;

	private volatile Supplier<List<String>> awaited = List::of;

	private volatile boolean closed;

	private StartupProbeServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	/**
	 * Start serving the probe paths.
	 * @param address where to listen: the application's own address and port
	 * @return the running server
	 * @throws IOException when the address cannot be bound
	 */
	public static StartupProbeServer start(InetSocketAddress address) throws IOException {
		HttpServer server = HttpServer.create(address, 50);
		ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "probes-startup-http");
			thread.setDaemon(true);
			return thread;
		});
		StartupProbeServer probes = new StartupProbeServer(server, executor);
		server.createContext("/", probes::handle);
		server.setExecutor(executor);
		server.start();
		logger.info("Serving /livez and /readyz on port " + server.getAddress().getPort()
				+ " while waiting for dependencies");
		return probes;
	}

	/**
	 * Name the dependencies still awaited in {@code /readyz} answers.
	 * @param awaited supplies the names
	 */
	public void awaiting(Supplier<List<String>> awaited) {
		this.awaited = awaited;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/livez")) {
				respond(exchange, 200, "{\"status\":\"UP\"}");
			}
			else {
				// /readyz, and any other path: the application is not serving yet.
				String names = this.awaited.get()
					.stream()
					.map((name) -> "\"" + name + "\"")
					.collect(Collectors.joining(","));
				respond(exchange, 503, "{\"status\":\"OUT_OF_SERVICE\",\"waitingFor\":[" + names + "]}");
			}
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * Stop serving and release the port; calling it again has no effect.
	 */
	@Override
	public synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			this.server.stop(0);
			this.executor.shutdownNow();
		}
	}

}
