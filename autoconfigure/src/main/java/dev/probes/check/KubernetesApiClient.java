package dev.probes.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.jspecify.annotations.Nullable;

/**
 * Sends GET requests to the Kubernetes API server over TLS, trusting only the service
 * account's CA certificate, with the service account's token.
 *
 * <p>
 * One HTTP client keeps its connection to the API server alive between attempts. It is
 * built for the CA certificate it is given and built again when that changes, as it does
 * when the cluster's CA is rotated; the token is sent as given, read anew by each
 * attempt.
 */
final class KubernetesApiClient implements AutoCloseable {

	/** Far more than the EndpointSlices of a Service with thousands of endpoints. */
	static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	private final URI apiServer;

	private final Duration connectTimeout;

	private final String threadName;

	// Guarded by this.
	private byte @Nullable [] trusted;

	private @Nullable CheckHttpClient client;

	private boolean closed;

	KubernetesApiClient(URI apiServer, Duration connectTimeout, String threadName) {
		this.apiServer = apiServer;
		this.connectTimeout = connectTimeout;
		this.threadName = threadName;
	}

	/**
	 * Get a path of the API.
	 * @param path the path and query, such as
	 * {@code /api/v1/namespaces/shop/endpoints/payments}
	 * @param credentials the service account's token and CA certificate
	 * @param timeout limit for the exchange
	 * @return the status and body of the answer
	 * @throws IOException when the exchange failed, or the answer was too large
	 * @throws InterruptedException when the wait was interrupted
	 * @throws GeneralSecurityException when the CA certificate is not valid
	 */
	Answer get(String path, ServiceAccountCredentials credentials, Duration timeout)
			throws IOException, InterruptedException, GeneralSecurityException {
		HttpRequest request = HttpRequest.newBuilder(this.apiServer.resolve(path))
			.GET()
			.timeout(timeout)
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + credentials.token())
			.build();
		HttpResponse<byte[]> response = client(credentials.caCertificate()).send(request,
				(info) -> new BoundedBody(MAX_BODY_BYTES));
		return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
	}

	private synchronized CheckHttpClient client(byte[] caCertificate) throws GeneralSecurityException, IOException {
		if (this.closed) {
			throw new IOException("check closed");
		}
		if (this.client == null || !Arrays.equals(this.trusted, caCertificate)) {
			CheckHttpClient replaced = this.client;
			this.client = new CheckHttpClient(this.connectTimeout, this.threadName, PemTrust.sslContext(caCertificate));
			this.trusted = caCertificate;
			if (replaced != null) {
				replaced.close();
			}
		}
		return this.client;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.client != null) {
			this.client.close();
		}
	}

	/**
	 * The API server's answer.
	 *
	 * @param status the HTTP status
	 * @param body the body, as text
	 */
	record Answer(int status, String body) {

	}

	/**
	 * Collects a body up to a limit, and fails the exchange past it rather than hold an
	 * answer of any size in memory.
	 */
	private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

		private final int limit;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final CompletableFuture<byte[]> body = new CompletableFuture<>();

		private Flow.@Nullable Subscription subscription;

		BoundedBody(int limit) {
			this.limit = limit;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.body.isDone()) {
				return;
			}
			for (ByteBuffer buffer : buffers) {
				if (this.bytes.size() + buffer.remaining() > this.limit) {
					if (this.subscription != null) {
						this.subscription.cancel();
					}
					this.body.completeExceptionally(
							new IOException("answer larger than " + (this.limit / (1024 * 1024)) + " MiB"));
					return;
				}
				byte[] chunk = new byte[buffer.remaining()];
				buffer.get(chunk);
				this.bytes.write(chunk, 0, chunk.length);
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.body.completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			this.body.complete(this.bytes.toByteArray());
		}

	}

}
