package dev.probes.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;
import dev.probes.test.FaultProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link HttpCheck}, against the
 * JDK's HTTP server on loopback.
 */
class HttpCheckContractTests extends DependencyCheckContractTests {

	private static final StatusRange DEFAULT_EXPECTED_STATUS = StatusRange.parse("200-399");

	private HttpServer server;

	private FaultProxy proxy;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/ok", respondWith(200));
		this.server.createContext("/unavailable", respondWith(503));
		this.server.createContext("/private", respondWith(401));
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		this.server.stop(0);
	}

	@Override
	protected DependencyCheck reachableCheck() {
		return check(serverPort(), "/ok", DEFAULT_EXPECTED_STATUS, Map.of());
	}

	@Override
	protected DependencyCheck refusedCheck() throws IOException {
		return check(ClosedPorts.find(), "/ok", DEFAULT_EXPECTED_STATUS, Map.of());
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws IOException {
		this.proxy = FaultProxy.to(serverPort());
		this.proxy.blackHole();
		return check(this.proxy.port(), "/ok", DEFAULT_EXPECTED_STATUS, Map.of());
	}

	@Override
	protected CheckWithSecret failingCheckWithSecret() {
		String token = "s3cr3t-token";
		return new CheckWithSecret(
				check(serverPort(), "/private", DEFAULT_EXPECTED_STATUS, Map.of("Authorization", "Bearer " + token)),
				token);
	}

	@Test
	void reportsDownWithStatusWhenServiceUnavailable() throws Exception {
		DependencyState state = awaitFirstState(check(serverPort(), "/unavailable", DEFAULT_EXPECTED_STATUS, Map.of()),
				Redactor.none())
			.state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).isEqualTo("HTTP 503");
		assertThat(state.details()).containsEntry("status", 503);
	}

	@Test
	void reportsUpWhenStatusInExpectedStatus() throws Exception {
		DependencyState state = awaitFirstState(
				check(serverPort(), "/unavailable", StatusRange.parse("200,500-503"), Map.of()), Redactor.none())
			.state();
		assertThat(state.status()).isEqualTo(DependencyStatus.UP);
		assertThat(state.error()).isNull();
		assertThat(state.details()).containsEntry("status", 503);
	}

	@Test
	void reportsDownWhenStatusOutsideExpectedStatus() throws Exception {
		DependencyState state = awaitFirstState(check(serverPort(), "/ok", StatusRange.parse("204,300-399"), Map.of()),
				Redactor.none())
			.state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).isEqualTo("HTTP 200");
		assertThat(state.details()).containsEntry("status", 200);
	}

	@Test
	void reportsUnknownHostByName() throws Exception {
		HttpCheck check = new HttpCheck(java.net.URI.create("http://no-such-host.invalid/readyz"),
				DEFAULT_EXPECTED_STATUS, Map.of(), TIMEOUT);
		DependencyState state = awaitFirstState(check, Redactor.none()).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).isEqualTo("unknown host no-such-host.invalid");
		assertThat(state.permanent()).isFalse();
	}

	@Test
	void reportsRejectedCredentialAsPermanent() throws Exception {
		DependencyState state = awaitFirstState(check(serverPort(), "/private", DEFAULT_EXPECTED_STATUS, Map.of()),
				Redactor.none())
			.state();
		assertThat(state.error()).isEqualTo("HTTP 401");
		assertThat(state.permanent()).isTrue();
	}

	private int serverPort() {
		return this.server.getAddress().getPort();
	}

	private static HttpCheck check(int port, String path, StatusRange expectedStatus, Map<String, String> headers) {
		return new HttpCheck(URI.create("http://127.0.0.1:" + port + path), expectedStatus, headers, TIMEOUT);
	}

	private static HttpHandler respondWith(int status) {
		return (exchange) -> {
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		};
	}

}
