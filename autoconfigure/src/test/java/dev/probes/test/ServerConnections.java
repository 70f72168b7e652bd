package dev.probes.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the client connections that a server itself reports, by the name a client gave
 * its connection: Redis's {@code CLIENT LIST} (client names set with
 * {@code CLIENT SETNAME}) and RabbitMQ's {@code rabbitmqctl list_connections}
 * (client-provided connection names). The name tells one test's connections apart from
 * any other client of the shared servers.
 */
public final class ServerConnections {

	private ServerConnections() {
	}

	/**
	 * Return the number of connections to a Redis server whose client name is the given
	 * one.
	 * @param server the server
	 * @param clientName the name
	 * @return the number of connections
	 * @throws IOException when the server cannot be asked
	 */
	public static int redis(RealServices.Server server, String clientName) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(server.host(), server.port()), 2000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			if (!server.password().isEmpty()) {
				out.write(command("AUTH", server.password()));
				readLine(in);
			}
			out.write(command("CLIENT", "LIST"));
			String header = readLine(in);
			if (!header.startsWith("$")) {
				throw new IOException("CLIENT LIST answered " + header);
			}
			byte[] list = in.readNBytes(Integer.parseInt(header.substring(1)));
			String marker = " name=" + clientName + " ";
			new String(list, StandardCharsets.UTF_8).lines()
				.filter((line) -> line.contains(marker))
				.forEach(System.out::println);
			return (int) new String(list, StandardCharsets.UTF_8).lines()
				.filter((line) -> line.contains(marker))
				.count();
		}
	}

	/**
	 * Return the number of connections to the RabbitMQ broker of
	 * {@link RealServices#rabbitmq()} whose client-provided name is the given one.
	 * @param connectionName the name
	 * @return the number of connections
	 * @throws Exception when the broker cannot be asked
	 */
	public static int rabbitmq(String connectionName) throws Exception {
		String marker = "{\"connection_name\",\"" + connectionName + "\"}";
		return (int) RealServices.rabbitmqctl("list_connections", "client_properties")
			.lines()
			.filter((line) -> line.contains(marker))
			.count();
	}

	private static byte[] command(String... words) {
		List<String> parts = new ArrayList<>();
		parts.add("*" + words.length);
		for (String word : words) {
			parts.add("$" + word.getBytes(StandardCharsets.UTF_8).length);
			parts.add(word);
		}
		return (String.join("\r\n", parts) + "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int read;
		while ((read = in.read()) != -1 && read != '\n') {
			if (read != '\r') {
				line.append((char) read);
			}
		}
		return line.toString();
	}

}
