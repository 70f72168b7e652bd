package dev.probes.check;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * The JDK {@link HttpClient} of one check that speaks HTTP ({@code http},
 * {@code kubernetes-endpoints}), run so that abandoned attempts leave nothing behind: no
 * thread, no connection, no client kept alive after the check is closed.
 *
 * <p>
 * Measured on Java 17 with thousands of attempts that time out: an exchange started or
 * waited for on a thread that is then interrupted (the engine interrupts an abandoned
 * attempt) now and then stays counted as pending, which keeps the client and its selector
 * thread alive forever. Exchanges are therefore started on the client's own executor
 * thread, which is never interrupted, and the caller only waits; an abandoned exchange is
 * left to the request's timeout, which ends it, and closes its connection, no later than
 * the attempt. The client's default executor would start a thread per overlapping
 * exchange and keep it a minute; its tasks never block, so one thread is enough, and it
 * ends once the check is closed and its last exchange is over. The selector thread ends
 * when the client is garbage collected. On a JVM with fewer than three processors the JDK
 * also hands each response over on a new thread of its own, which ends at once
 * ({@link CompletableFuture}'s default executor).
 */
final class CheckHttpClient implements AutoCloseable {

	private static final long IDLE_THREAD_SECONDS = 10;

	private final ThreadPoolExecutor executor;

	private final HttpClient client;

	private final Set<CompletableFuture<?>> exchanges = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	CheckHttpClient(Duration connectTimeout, String threadName) {
		this(connectTimeout, threadName, null);
	}

	/**
	 * Create a client.
	 * @param connectTimeout limit for opening a connection
	 * @param threadName name of the client's executor thread
	 * @param sslContext the TLS context for https, or {@code null} for the JVM's default
	 */
	CheckHttpClient(Duration connectTimeout, String threadName, @Nullable SSLContext sslContext) {
		this.executor = new ThreadPoolExecutor(1, 1, IDLE_THREAD_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(runnable) -> {
					Thread thread = new Thread(runnable, threadName);
					thread.setDaemon(true);
					return thread;
				});
		this.executor.allowCoreThreadTimeOut(true);
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(connectTimeout)
			.executor(this.executor);
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		this.client = builder.build();
	}

	/**
	 * Send a request, which must have a timeout, and wait for its response; the body is
	 * discarded.
	 * @param request the request
	 * @return the response
	 * @throws IOException when the exchange failed
	 * @throws InterruptedException when the wait was interrupted; the exchange goes on
	 * until its timeout
	 */
	HttpResponse<Void> send(HttpRequest request) throws IOException, InterruptedException {
		return send(request, HttpResponse.BodyHandlers.discarding());
	}

	/**
	 * Send a request, which must have a timeout, and wait for its response and body.
	 * @param request the request
	 * @param bodyHandler what to make of the body
	 * @param <T> the body's type
	 * @return the response
	 * @throws IOException when the exchange failed
	 * @throws InterruptedException when the wait was interrupted; the exchange goes on
	 * until its timeout
	 */
	<T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler)
			throws IOException, InterruptedException {
		CompletableFuture<HttpResponse<T>> response = CompletableFuture
			.supplyAsync(() -> this.client.sendAsync(request, bodyHandler), this.executor)
			.thenCompose(Function.identity());
		this.exchanges.add(response);
		response.whenComplete((result, failure) -> {
			this.exchanges.remove(response);
			shutdownIfIdle();
		});
		try {
			return response.get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof IOException io) ? io : new IOException(cause.getMessage(), cause);
		}
	}

	/**
	 * Let the executor thread end once the exchange under way, if any, is over: stopped
	 * earlier, the client would abandon that exchange's connection, open, for good.
	 */
	@Override
	public void close() {
		this.closed = true;
		shutdownIfIdle();
	}

	private void shutdownIfIdle() {
		if (this.closed && this.exchanges.isEmpty()) {
			this.executor.shutdown();
		}
	}

}
