package dev.probes.startup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Holds a request to a declared critical dependency until the start-up wait is over, so
 * that a bean that calls the dependency while the context starts (from its constructor,
 * say) runs once the dependency answers, as migrations do. Requests to any other address
 * pass at once, and so does every request once the wait is over.
 *
 * <p>
 * The gate is obtained from a supplier at the first such request: when that creates it,
 * its wait runs there and then.
 */
public final class StartupGateInterceptor implements ClientHttpRequestInterceptor {

	private final Set<InetSocketAddress> dependencies;

	private final Supplier<OpenGate> gate;

	private volatile boolean open;

	/**
	 * Create an interceptor.
	 * @param dependencies the unresolved host and port of each critical HTTP dependency
	 * @param gate supplies the open gate, waiting for the dependencies when it is created
	 */
	public StartupGateInterceptor(Set<InetSocketAddress> dependencies, Supplier<OpenGate> gate) {
		this.dependencies = Set.copyOf(dependencies);
		this.gate = gate;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.open && isDependency(request.getURI())) {
			this.gate.get();
			this.open = true;
		}
		return execution.execute(request, body);
	}

	private boolean isDependency(URI uri) {
		InetSocketAddress address = UrlAddresses.of(uri);
		return address != null && this.dependencies.contains(address);
	}

}
