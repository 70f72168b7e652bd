package dev.probes.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Probes an HTTP path the way the kubelet does: one GET on a fresh connection, with a
 * plain socket, so that a measured latency is the server's and the network's, not a
 * client library's.
 */
public final class KubeletClient {

	private KubeletClient() {
	}

	/**
	 * GET a path on loopback.
	 * @param port the port
	 * @param path the path
	 * @return the answer, or {@code null} when none came (refused, reset, timed out)
	 */
	public static Answer get(int port, String path) {
		return get(port, path, "");
	}

	/**
	 * GET a path on loopback with extra request headers.
	 * @param port the port
	 * @param path the path
	 * @param headers header lines, each ending with CRLF, such as
	 * {@code "Accept: application/json\r\n"}
	 * @return the answer, or {@code null} when none came (refused, reset, timed out)
	 */
	public static Answer get(int port, String path, String headers) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers + "\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int bodyStart = response.indexOf("\r\n\r\n");
			return new Answer(Integer.parseInt(response.substring(9, 12)),
					(bodyStart >= 0) ? response.substring(bodyStart + 4) : "");
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Return the status of a GET.
	 * @param port the port
	 * @param path the path
	 * @return the status, -1 when no answer came
	 */
	public static int status(int port, String path) {
		Answer answer = get(port, path);
		return (answer != null) ? answer.status() : -1;
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status its status
	 * @param body its body (chunked bodies keep their chunk framing)
	 */
	public record Answer(int status, String body) {

	}

}
