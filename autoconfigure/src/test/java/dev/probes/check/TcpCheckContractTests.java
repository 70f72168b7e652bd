package dev.probes.check;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link TcpCheck}, against
 * listening sockets on loopback.
 */
class TcpCheckContractTests extends DependencyCheckContractTests {

	private static final String LOOPBACK = "127.0.0.1";

	/** How long a connect to a full accept queue is given before it counts as hanging. */
	private static final int HANG_PROBE_MILLIS = 100;

	/**
	 * Linux queues backlog + 1 connections; stop well past that rather than loop forever.
	 */
	private static final int MAX_QUEUED_CONNECTIONS = 8;

	private final List<Closeable> sockets = new ArrayList<>();

	@AfterEach
	void closeSockets() throws IOException {
		for (Closeable socket : this.sockets) {
			socket.close();
		}
	}

	@Override
	protected DependencyCheck reachableCheck() throws IOException {
		// The kernel completes the handshake from the listen queue: no need to accept.
		ServerSocket server = listen(50);
		return new TcpCheck(LOOPBACK, server.getLocalPort());
	}

	@Override
	protected DependencyCheck refusedCheck() throws IOException {
		return new TcpCheck(LOOPBACK, ClosedPorts.find());
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws IOException {
		ServerSocket server = listen(1);
		fillAcceptQueue(server);
		return new TcpCheck(LOOPBACK, server.getLocalPort());
	}

	/**
	 * A TCP check sends nothing, so a secret reaches it only pasted into the host, as
	 * when copied from a URL with user info; the failure then echoes the host.
	 */
	@Override
	protected CheckWithSecret failingCheckWithSecret() throws IOException {
		String secret = "s3cr3t-pass";
		return new CheckWithSecret(new TcpCheck("probe:" + secret + "@" + LOOPBACK, ClosedPorts.find()), secret);
	}

	private ServerSocket listen(int backlog) throws IOException {
		ServerSocket server = new ServerSocket();
		this.sockets.add(server);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
		return server;
	}

	/**
	 * Connect to a listener that never accepts until its accept queue is full. Linux then
	 * drops further SYNs ({@code net.ipv4.tcp_abort_on_overflow} is 0 by default) and the
	 * client retransmits them after a second, so a connect hangs as it would behind a
	 * firewall that drops packets.
	 * @param server the listener, bound with a small backlog
	 * @throws IOException when a connect fails other than by hanging
	 */
	private void fillAcceptQueue(ServerSocket server) throws IOException {
		for (int i = 0; i < MAX_QUEUED_CONNECTIONS; i++) {
			Socket client = new Socket();
			this.sockets.add(client);
			try {
				client.connect(server.getLocalSocketAddress(), HANG_PROBE_MILLIS);
			}
			catch (SocketTimeoutException ex) {
				return;
			}
		}
		throw new IllegalStateException("Accept queue of " + server + " still took connections after "
				+ MAX_QUEUED_CONNECTIONS + ": connects to it would not hang");
	}

}
