package dev.probes.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that sits between an application and a real service and injects
 * faults: pass, refuse, black-hole, drop connects, delay and reset.
 *
 * <ul>
 * <li>{@link #refuse()}: the listening socket closes, so connects are refused, and open
 * connections (a pool's idle ones too) are reset.</li>
 * <li>{@link #blackHole()}: connects still complete, but no byte moves in either
 * direction, on new and open connections alike, until the mode changes; then the held
 * bytes flow, as after a healed network partition. A connection that its client closes
 * meanwhile is let go, so that it neither counts as open nor keeps a thread of the
 * proxy.</li>
 * <li>{@link #dropConnects()}: a connect neither completes nor is refused, as behind a
 * route that drops packets (the listening socket's accept queue is full and never
 * drained, so the kernel drops every SYN); open connections are black-holed.</li>
 * <li>{@link #delay(Duration)}: every chunk waits before it is forwarded.</li>
 * <li>{@link #reset()}: open connections and new ones are reset at once.</li>
 * </ul>
 */
public final class FaultProxy implements AutoCloseable {

	/** What the proxy does to traffic. */
	public enum Mode {

		PASS, REFUSE, BLACK_HOLE, DROP_CONNECTS, DELAY, RESET

	}

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	/** How often a held connection looks whether its client is still there. */
	private static final int HOLD_POLL_MILLIS = 20;

	/**
	 * How long a connect that fills the accept queue may take before the queue counts as
	 * full.
	 */
	private static final int FILL_CONNECT_MILLIS = 100;

	private final InetSocketAddress target;

	private final int port;

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger accepted = new AtomicInteger();

	private final Object lock = new Object();

	private volatile Mode mode = Mode.PASS;

	private volatile Duration delay = Duration.ZERO;

	private volatile boolean closed;

	private ServerSocket listener;

	// Our own connections that fill the accept queue while connects are dropped.
	private final List<Socket> fillers = new ArrayList<>();

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

	public void dropConnects() {
		switchTo(Mode.DROP_CONNECTS);
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

	/**
	 * Return the number of client connections the proxy has accepted since it started.
	 * @return the accepted connections
	 */
	public int acceptedConnections() {
		return this.accepted.get();
	}

	private void switchTo(Mode next) {
		synchronized (this.lock) {
			Mode previous = this.mode;
			this.mode = next;
			if (next == Mode.REFUSE || next == Mode.RESET) {
				this.connections.forEach(Connection::reset);
			}
			if (listening(previous) != listening(next)) {
				closeQuietly(this.listener);
				this.fillers.forEach(FaultProxy::closeQuietly);
				this.fillers.clear();
				try {
					listen(next);
				}
				catch (IOException ex) {
					throw new IllegalStateException("Could not listen on port " + this.port + " again", ex);
				}
			}
			this.lock.notifyAll();
		}
	}

	/**
	 * Whether the port is closed (refuse), full (drop connects) or accepting (all
	 * others).
	 */
	private static Mode listening(Mode mode) {
		return (mode == Mode.REFUSE || mode == Mode.DROP_CONNECTS) ? mode : Mode.PASS;
	}

	private void listen(Mode mode) throws IOException {
		if (mode == Mode.REFUSE) {
			return;
		}
		if (mode == Mode.DROP_CONNECTS) {
			// Linux queues backlog + 1 connections; fill the queue with our own, never
			// accepted.
			this.listener = bind(this.port, 1);
			for (int i = 0; i < 16; i++) {
				Socket filler = new Socket();
				try {
					filler.connect(new InetSocketAddress(LOOPBACK, this.port), FILL_CONNECT_MILLIS);
					this.fillers.add(filler);
				}
				catch (SocketTimeoutException ex) {
					closeQuietly(filler);
					return;
				}
			}
			throw new IllegalStateException("The accept queue of port " + this.port + " never filled up");
		}
		this.listener = bind(this.port);
		startAcceptor(this.listener);
	}

	private static ServerSocket bind(int port) throws IOException {
		return bind(port, 50);
	}

	private static ServerSocket bind(int port, int backlog) throws IOException {
		for (int attempt = 1;; attempt++) {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			try {
				socket.bind(new InetSocketAddress(LOOPBACK, port), backlog);
				return socket;
			}
			catch (BindException ex) {
				closeQuietly(socket);
				// A closed listener frees its port once the thread blocked in accept()
				// has left it.
				if (attempt == 50) {
					throw ex;
				}
				sleep(Duration.ofMillis(10));
			}
		}
	}

	private static void sleep(Duration duration) throws IOException {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for port", ex);
		}
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
				this.accepted.incrementAndGet();
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
			// A black-holed connect completes, but nothing reaches the service until it
			// heals.
			byte[] held = holdWhileBlackHoled(client);
			if (held == null) {
				connection.close();
				return;
			}
			awaitPassable();
			Socket upstream = new Socket();
			upstream.connect(this.target, 5000);
			connection.upstream = upstream;
			if (connection.isReset()) {
				resetQuietly(upstream);
				return;
			}
			upstream.getOutputStream().write(held);
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
				byte[] held = holdWhileBlackHoled(from);
				if (held == null) {
					break;
				}
				awaitPassable();
				out.write(buffer, 0, read);
				out.write(held);
				out.flush();
			}
			connection.close();
		}
		catch (IOException | InterruptedException ex) {
			connection.reset();
		}
	}

	/**
	 * Hold what a peer sends while the proxy is black-holed, reading on so that a peer
	 * that gives up is seen.
	 * @return the bytes held, or {@code null} when the peer closed its end
	 */
	private byte[] holdWhileBlackHoled(Socket peer) throws IOException {
		ByteArrayOutputStream held = new ByteArrayOutputStream();
		byte[] buffer = new byte[16384];
		InputStream in = peer.getInputStream();
		peer.setSoTimeout(HOLD_POLL_MILLIS);
		while (isBlackHoled() && !this.closed) {
			try {
				int read = in.read(buffer);
				if (read == -1) {
					return null;
				}
				held.write(buffer, 0, read);
			}
			catch (SocketTimeoutException ex) {
				// Still there; look at the mode again.
			}
		}
		peer.setSoTimeout(0);
		return held.toByteArray();
	}

	private boolean isBlackHoled() {
		return this.mode == Mode.BLACK_HOLE || this.mode == Mode.DROP_CONNECTS;
	}

	private void awaitPassable() throws InterruptedException, SocketException {
		synchronized (this.lock) {
			while (isBlackHoled() && !this.closed) {
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
		synchronized (this.lock) {
			closeQuietly(this.listener);
			this.fillers.forEach(FaultProxy::closeQuietly);
		}
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
