package dev.probes.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small authoritative DNS server on loopback UDP that answers A queries from a table
 * and NXDOMAIN for other names, or, when silenced, receives queries and never answers (a
 * black-holed resolver). It speaks the real wire format (RFC 1035), so that a DNS client
 * is tested against a real exchange.
 */
public final class LoopbackDnsServer implements AutoCloseable {

	private static final int TYPE_A = 1;

	private static final int TYPE_ANY = 255;

	private final DatagramSocket socket;

	private final Map<String, List<InetAddress>> records = new ConcurrentHashMap<>();

	private volatile boolean silent;

	public LoopbackDnsServer() throws SocketException {
		this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		Thread thread = new Thread(this::serve, "loopback-dns-" + this.socket.getLocalPort());
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Answer queries for a name with these IPv4 addresses.
	 * @param name the fully qualified name, without the trailing dot
	 * @param addresses its addresses
	 */
	public void add(String name, List<InetAddress> addresses) {
		this.records.put(name.toLowerCase(Locale.ROOT), List.copyOf(addresses));
	}

	/** Receive queries and never answer them. */
	public void silence() {
		this.silent = true;
	}

	/** The server as a DNS client names it: {@code 127.0.0.1:port}. */
	public String address() {
		return "127.0.0.1:" + this.socket.getLocalPort();
	}

	private void serve() {
		byte[] buffer = new byte[512];
		while (!this.socket.isClosed()) {
			DatagramPacket query = new DatagramPacket(buffer, buffer.length);
			try {
				this.socket.receive(query);
				if (!this.silent) {
					byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
					this.socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
				}
			}
			catch (IOException | RuntimeException ex) {
				// A closed socket ends the loop; a malformed query is dropped.
			}
		}
	}

	private byte[] answer(ByteBuffer query) {
		short id = query.getShort();
		query.getShort(); // flags
		query.getShort(); // one question
		query.position(12);
		int questionStart = query.position();
		StringBuilder name = new StringBuilder();
		for (int length = query.get() & 0xff; length > 0; length = query.get() & 0xff) {
			byte[] label = new byte[length];
			query.get(label);
			name.append((name.length() > 0) ? "." : "")
				.append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
		}
		int type = query.getShort() & 0xffff;
		query.getShort(); // class IN
		int questionEnd = query.position();
		List<InetAddress> addresses = this.records.get(name.toString().toLowerCase(Locale.ROOT));
		List<InetAddress> answers = (addresses != null && (type == TYPE_A || type == TYPE_ANY)) ? addresses : List.of();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer header = ByteBuffer.allocate(12);
		header.putShort(id);
		// Response, authoritative, recursion desired and available; NXDOMAIN for unknown
		// names.
		header.putShort((short) (0x8580 | ((addresses == null) ? 3 : 0)));
		header.putShort((short) 1).putShort((short) answers.size()).putShort((short) 0).putShort((short) 0);
		out.writeBytes(header.array());
		out.write(query.array(), questionStart, questionEnd - questionStart);
		for (InetAddress address : answers) {
			ByteBuffer record = ByteBuffer.allocate(16);
			record.putShort((short) 0xc00c).putShort((short) TYPE_A).putShort((short) 1).putInt(0).putShort((short) 4);
			record.put(address.getAddress());
			out.writeBytes(record.array());
		}
		return out.toByteArray();
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
