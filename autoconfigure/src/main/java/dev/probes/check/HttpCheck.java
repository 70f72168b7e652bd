package dev.probes.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;

/**
 * Checks that an HTTP GET answers with an expected status; the body is discarded.
 *
 * <p>
 * One client per dependency keeps its connection alive between attempts, so the load on
 * the dependency is one request per interval, whatever the probe rate. It holds two
 * threads (see {@link CheckHttpClient}), and no connection beyond the attempt in flight
 * and, for as long as the request's timeout, the one abandoned before it.
 */
public final class HttpCheck implements DependencyCheck {

	private final CheckHttpClient client;

	private final URI uri;

	private final StatusRange expectedStatus;

	private final Map<String, String> headers;

	/**
	 * Create a check.
	 * @param uri the URL to get
	 * @param expectedStatus statuses that count as up
	 * @param headers headers to send, for example an authorization token
	 * @param connectTimeout limit for opening a connection
	 */
	public HttpCheck(URI uri, StatusRange expectedStatus, Map<String, String> headers, Duration connectTimeout) {
		this.uri = uri;
		this.expectedStatus = expectedStatus;
		this.headers = Map.copyOf(headers);
		this.client = new CheckHttpClient(connectTimeout, "probes-http-" + uri.getHost());
	}

	@Override
	public CheckResult check(Duration timeout) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.uri).GET().timeout(timeout);
		this.headers.forEach(request::header);
		int status;
		try {
			status = this.client.send(request.build()).statusCode();
		}
		catch (ConnectException ex) {
			// The JDK client reports an unresolvable host without naming it.
			if (FailureDescriptions.causeChain(ex).stream().anyMatch(UnresolvedAddressException.class::isInstance)) {
				throw new UnknownHostException(this.uri.getHost());
			}
			throw ex;
		}
		Map<String, Object> details = Map.of("status", status);
		if (!this.expectedStatus.contains(status)) {
			// A rejected credential stays rejected: no point waiting for it at start-up.
			boolean rejected = status == 401 || status == 403;
			return rejected ? CheckResult.permanentFailure("HTTP " + status, details)
					: CheckResult.failure("HTTP " + status, details);
		}
		return CheckResult.success(details);
	}

	@Override
	public void close() {
		this.client.close();
	}

}
