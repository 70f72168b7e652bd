package dev.probes.check;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Checks that a TCP connection to a host and port can be opened; nothing is sent.
 */
public final class TcpCheck implements DependencyCheck {

	private final String host;

	private final int port;

	public TcpCheck(String host, int port) {
		this.host = host;
		this.port = port;
	}

	@Override
	public CheckResult check(Duration timeout) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), Timeouts.millis(timeout));
		}
		return CheckResult.success();
	}

	@Override
	public String toString() {
		return "TcpCheck[" + this.host + ":" + this.port + "]";
	}

}
