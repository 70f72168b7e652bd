package dev.probes.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP server of the JDK's that answers probes on a port of its own, on one
 * thread of its own: for applications without a web server, for a liveness probe that
 * must answer while every request thread is busy ({@code probes.server.port}), and on the
 * application port while the application waits for its dependencies, before Spring's web
 * server has started.
 */
public final class ProbeServer implements AutoCloseable {

	/**
	 * Connections the kernel queues while the thread is busy. Probes come one per period
	 * from each prober; a short queue is plenty, and a long one would only hide a stalled
	 * server.
	 */
	private static final int BACKLOG = 50;

	private final HttpServer server;

	private final ExecutorService executor;

	private final @Nullable Probe fallback;

	private volatile ProbeResponder responder;

	private volatile boolean closed;

	private ProbeServer(HttpServer server, ExecutorService executor, ProbeResponder responder,
			@Nullable Probe fallback) {
		this.server = server;
		this.executor = executor;
		this.responder = responder;
		this.fallback = fallback;
	}

	/**
	 * Start serving probes.
	 * @param address where to listen
	 * @param name the name of the server's thread
	 * @param responder answers the probe paths
	 * @param fallback the probe whose answer every other path gets, or {@code null} to
	 * answer them 404
	 * @return the running server
	 * @throws IOException when the address cannot be bound
	 */
	public static ProbeServer start(InetSocketAddress address, String name, ProbeResponder responder,
			@Nullable Probe fallback) throws IOException {
		HttpServer server = HttpServer.create(address, BACKLOG);
		ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
		ProbeServer probes = new ProbeServer(server, executor, responder, fallback);
		server.createContext("/", probes::handle);
		server.setExecutor(executor);
		server.start();
		return probes;
	}

	/**
	 * Answer from another responder from now on.
	 * @param responder the responder
	 */
	public void serve(ProbeResponder responder) {
		this.responder = responder;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			boolean head = "HEAD".equals(method);
			ProbeResponse answer = null;
			if (head || "GET".equals(method)) {
				ProbeResponder responder = this.responder;
				String accept = exchange.getRequestHeaders().getFirst("Accept");
				answer = responder.respond(exchange.getRequestURI().getRawPath(),
						exchange.getRequestURI().getRawQuery(), accept);
				if (answer == null && this.fallback != null) {
					answer = responder.respond(this.fallback, null, accept);
				}
			}
			if (answer == null) {
				answer = ProbeResponse.text(("GET".equals(method) || head) ? 404 : 405,
						("GET".equals(method) || head) ? "404 page not found\n" : "405 method not allowed\n");
			}
			respond(exchange, answer, head);
		}
	}

	private static void respond(HttpExchange exchange, ProbeResponse answer, boolean head) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		if (head) {
			exchange.sendResponseHeaders(answer.status(), -1);
			return;
		}
		exchange.sendResponseHeaders(answer.status(), answer.body().length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer.body());
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
