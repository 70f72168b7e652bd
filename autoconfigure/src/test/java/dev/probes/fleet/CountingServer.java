package dev.probes.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP server on loopback that accepts every connection, counts it and closes it: the
 * dependency of a simulated fleet, which sees nothing but connection attempts.
 *
 * <p>
 * {@link #refuse()} closes the listening socket, so that connects are refused, until
 * {@link #restore()} listens on the same port again. The accept queue is as long as the
 * kernel allows, so that a whole fleet connecting in the same instant is accepted rather
 * than dropped and retried a second later by the clients' kernels.
 */
final class CountingServer implements AutoCloseable {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private static final int BACKLOG = 4096;

	private final Tally accepted;

	private final int port;

	private volatile ServerSocket listener;

	CountingServer(Tally accepted) throws IOException {
		this.accepted = accepted;
		this.listener = bind(0);
		this.port = this.listener.getLocalPort();
		startAcceptor(this.listener);
	}

	String host() {
		return LOOPBACK.getHostAddress();
	}

	int port() {
		return this.port;
	}

	synchronized void refuse() throws IOException {
		this.listener.close();
	}

	synchronized void restore() throws IOException {
		if (this.listener.isClosed()) {
			this.listener = bind(this.port);
			startAcceptor(this.listener);
		}
	}

	@Override
	public synchronized void close() throws IOException {
		this.listener.close();
	}

	private static ServerSocket bind(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		// The connections closed a moment ago hold the port in TIME_WAIT.
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(LOOPBACK, port), BACKLOG);
		return socket;
	}

	private void startAcceptor(ServerSocket listener) {
		Thread acceptor = new Thread(() -> accept(listener), "counting-server-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void accept(ServerSocket listener) {
		while (!listener.isClosed()) {
			try (Socket connection = listener.accept()) {
				this.accepted.record();
			}
			catch (IOException ex) {
				// Closed by refuse() or close(); the loop ends.
			}
		}
	}

}
