package dev.probes.check;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds loopback ports where nothing listens, so that connecting to them is refused.
 */
final class ClosedPorts {

	private ClosedPorts() {
	}

	/**
	 * Return a port that was free a moment ago: bound, then released without listening
	 * again.
	 * @return the port on 127.0.0.1
	 * @throws IOException when no port could be bound
	 */
	static int find() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return socket.getLocalPort();
		}
	}

	/**
	 * Return a UDP port that was free a moment ago, so that a datagram to it is answered
	 * with ICMP port unreachable.
	 * @return the port on 127.0.0.1
	 * @throws IOException when no port could be bound
	 */
	static int findUdp() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			return socket.getLocalPort();
		}
	}

}
