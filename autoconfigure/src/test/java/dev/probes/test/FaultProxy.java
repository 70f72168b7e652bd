package dev.probes.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that sits between an application and a real service and injects
 * faults: pass, refuse, black-hole, delay and reset.
 *
 * <ul>
 * <li>{@link #refuse()}: the listening socket closes, so connects are refused, and open
 * connections (a pool's idle ones too) are reset.</li>
 * <li>{@link #blackHole()}: connects still complete, but no byte moves in either direction,
 * on new and open connections alike, until the mode changes; then the held bytes flow, as
 * after a healed network partition.</li>
 * <li>{@link #delay(Duration)}: every chunk waits before it is forwarded.</li>
 * <li>{@link #reset()}: open connections and new ones are reset at once.</li>
 * </ul>
 */
public final class FaultProxy implements AutoCloseable {

	/** What the proxy does to traffic. */
	public enum Mode {

		PASS, REFUSE, BLACK_HOLE, DELAY, RESET

	}

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private final InetSocketAddress target;

	private final int port;

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private final Object lock = new Object();

	private volatile Mode mode = Mode.PASS;

	private volatile Duration delay = Duration.ZERO;

	private volatile boolean closed;

	private ServerSocket listener;

	private FaultProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.listener = bind(0);
		this.port = this.listener.getLocalPort();
		startAcceptor(this.listener);
	}

	/**
	 * Start a proxy in {@link Mode#PASS} to a service on loopback.
	 * @param targetPort the service's port on 127.0.0.1
	 * @return the running proxy
	 * @throws IOException when no port could be bound
	 */
	public static FaultProxy to(int targetPort) throws IOException {
		return new FaultProxy(new InetSocketAddress(LOOPBACK, targetPort));
	}

	public String host() {
		return LOOPBACK.getHostAddress();
	}

	public int port() {
		return this.port;
	}

	public Mode mode() {
		return this.mode;
	}

	public void pass() {
		switchTo(Mode.PASS);
	}

	public void refuse() {
		switchTo(Mode.REFUSE);
	}

	public void blackHole() {
		switchTo(Mode.BLACK_HOLE);
	}

	public void reset() {
		switchTo(Mode.RESET);
	}

	public void delay(Duration delay) {
		this.delay = delay;
		switchTo(Mode.DELAY);
	}

	/**
	 * Return the number of client connections currently open through the proxy.
	 * @return the open connections
	 */
	public int openConnections() {
		return this.connections.size();
	}

	private void switchTo(Mode next) {
		synchronized (this.lock) {
			Mode previous = this.mode;
			this.mode = next;
			if (next == Mode.REFUSE || next == Mode.RESET) {
				this.connections.forEach(Connection::reset);
			}
			if (next == Mode.REFUSE && previous != Mode.REFUSE) {
				closeQuietly(this.listener);
			}
			if (previous == Mode.REFUSE && next != Mode.REFUSE) {
				try {
					this.listener = bind(this.port);
				}
				catch (IOException ex) {
					throw new IllegalStateException("Could not listen on port " + this.port + " again", ex);
				}
				startAcceptor(this.listener);
			}
			this.lock.notifyAll();
		}
	}

	private static ServerSocket bind(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(LOOPBACK, port), 50);
		return socket;
	}

	private void startAcceptor(ServerSocket listener) {
		Thread acceptor = new Thread(() -> accept(listener), "fault-proxy-accept-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void accept(ServerSocket listener) {
		while (!listener.isClosed()) {
			try {
				Socket client = listener.accept();
				Thread handler = new Thread(() -> handle(client), "fault-proxy-conn-" + this.port);
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void handle(Socket client) {
		if (this.mode == Mode.RESET || this.closed) {
			resetQuietly(client);
			return;
		}
		Connection connection = new Connection(client);
		this.connections.add(connection);
		try {
			// A black-holed connect completes, but nothing reaches the service until it heals.
			awaitPassable();
			Socket upstream = new Socket();
			upstream.connect(this.target, 5000);
			connection.upstream = upstream;
			if (connection.isReset()) {
				resetQuietly(upstream);
				return;
			}
			startPump(connection, client, upstream, "up");
			pump(connection, upstream, client);
		}
		catch (IOException | InterruptedException ex) {
			connection.reset();
		}
	}

	private void startPump(Connection connection, Socket from, Socket to, String direction) {
		Thread thread = new Thread(() -> pump(connection, from, to), "fault-proxy-" + direction + "-" + this.port);
		thread.setDaemon(true);
		thread.start();
	}

	private void pump(Connection connection, Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) != -1) {
				awaitPassable();
				out.write(buffer, 0, read);
				out.flush();
			}
			connection.close();
		}
		catch (IOException | InterruptedException ex) {
			connection.reset();
		}
	}

	private void awaitPassable() throws InterruptedException, SocketException {
		synchronized (this.lock) {
			while (this.mode == Mode.BLACK_HOLE && !this.closed) {
				this.lock.wait();
			}
		}
		if (this.closed) {
			throw new SocketException("proxy closed");
		}
		if (this.mode == Mode.DELAY) {
			Thread.sleep(this.delay.toMillis());
		}
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			this.closed = true;
			this.lock.notifyAll();
		}
		closeQuietly(this.listener);
		this.connections.forEach(Connection::reset);
	}

	private static void resetQuietly(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// Already closed.
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			if (closeable != null) {
				closeable.close();
			}
		}
		catch (Exception ex) {
			// Nothing to do about a socket that will not close.
		}
	}

	/** A client connection and, once connected, its upstream connection. */
	private final class Connection {

		private final Socket client;

		private volatile Socket upstream;

		private volatile boolean reset;

		Connection(Socket client) {
			this.client = client;
		}

		boolean isReset() {
			return this.reset;
		}

		void reset() {
			this.reset = true;
			resetQuietly(this.client);
			if (this.upstream != null) {
				resetQuietly(this.upstream);
			}
			FaultProxy.this.connections.remove(this);
		}

		void close() {
			closeQuietly(this.client);
			if (this.upstream != null) {
				closeQuietly(this.upstream);
			}
			FaultProxy.this.connections.remove(this);
		}

	}

}
