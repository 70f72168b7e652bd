package dev.probes.check;

import java.net.InetAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.probes.engine.DependencyState;
import dev.probes.engine.DependencyStatus;
import dev.probes.test.LoopbackDnsServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link DnsCheck}: the JVM's
 * resolver for {@code localhost} and a name that does not resolve, and a real DNS
 * exchange over UDP with a server on loopback for counting peers, refusal and
 * black-holing.
 */
class DnsCheckContractTests extends DependencyCheckContractTests {

	private final List<LoopbackDnsServer> servers = new ArrayList<>();

	@AfterEach
	void closeServers() {
		this.servers.forEach(LoopbackDnsServer::close);
	}

	@Override
	protected DependencyCheck reachableCheck() {
		return new DnsCheck("localhost", 1);
	}

	/** A DNS server address where nothing listens: the ICMP port-unreachable answer. */
	@Override
	protected DependencyCheck refusedCheck() throws Exception {
		return new DnsCheck("peers.default.svc.cluster.local", 1, "127.0.0.1:" + ClosedPorts.findUdp());
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws Exception {
		LoopbackDnsServer server = server();
		server.silence();
		return new DnsCheck("peers.default.svc.cluster.local", 1, server.address());
	}

	/** Names carry no credentials, but a host copied from a URL with user info can. */
	@Override
	protected CheckWithSecret failingCheckWithSecret() {
		String secret = "s3cr3t-pass";
		return new CheckWithSecret(new DnsCheck("probe:" + secret + "@no-such-host.invalid", 1), secret);
	}

	@Test
	void reportsDownWhenNameDoesNotResolve() throws Exception {
		DependencyState state = awaitFirstState(new DnsCheck("no-such-host.invalid", 1), Redactor.none()).state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).startsWith("unknown host");
	}

	@Test
	void reportsUpWhenServerListsEnoughPeers() throws Exception {
		LoopbackDnsServer server = server();
		server.add("peers.default.svc.cluster.local", addresses(3));
		DependencyState state = awaitFirstState(new DnsCheck("peers.default.svc.cluster.local", 3, server.address()),
				Redactor.none())
			.state();
		assertThat(state.status()).isEqualTo(DependencyStatus.UP);
		assertThat(state.details()).containsEntry("addresses", 3L);
	}

	@Test
	void reportsDownWhenServerListsTooFewPeers() throws Exception {
		LoopbackDnsServer server = server();
		server.add("peers.default.svc.cluster.local", addresses(2));
		DependencyState state = awaitFirstState(new DnsCheck("peers.default.svc.cluster.local", 3, server.address()),
				Redactor.none())
			.state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).isEqualTo("resolved 2 addresses, need 3");
	}

	@Test
	void reportsDownWhenServerDoesNotKnowName() throws Exception {
		LoopbackDnsServer server = server();
		DependencyState state = awaitFirstState(new DnsCheck("peers.default.svc.cluster.local", 1, server.address()),
				Redactor.none())
			.state();
		assertThat(state.status()).isEqualTo(DependencyStatus.DOWN);
		assertThat(state.error()).isEqualTo("unknown host peers.default.svc.cluster.local");
	}

	private LoopbackDnsServer server() throws SocketException {
		LoopbackDnsServer server = new LoopbackDnsServer();
		this.servers.add(server);
		return server;
	}

	private static List<InetAddress> addresses(int count) throws Exception {
		List<InetAddress> addresses = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			addresses.add(InetAddress.getByAddress(new byte[] { 10, 0, 0, (byte) i }));
		}
		return addresses;
	}

}
