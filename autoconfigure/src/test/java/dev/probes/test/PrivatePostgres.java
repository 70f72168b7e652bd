package dev.probes.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server with password authentication on a port of its own, for
 * tests that need a wrong password to fail: the machine's shared server trusts every
 * local login. Made with the machine's {@code initdb} and {@code pg_ctl}; PostgreSQL
 * refuses to run as root, so as root they run as an unprivileged system user created for
 * the purpose.
 */
final class PrivatePostgres {

	private static final String SYSTEM_USER = "probes-pg";

	private static final String PASSWORD = "pr0bes-" + UUID.randomUUID().toString().substring(0, 8);

	private PrivatePostgres() {
	}

	static RealServices.Database start() {
		try {
			Path bin = binDirectory();
			Path home = Files.createTempDirectory("probes-pg-");
			Path data = home.resolve("data");
			Path passwordFile = home.resolve("password");
			Files.writeString(passwordFile, PASSWORD, StandardCharsets.UTF_8);
			List<String> asUser = List.of();
			if (isRoot()) {
				if (run(List.of("id", "-u", SYSTEM_USER)) != 0) {
					require(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
							SYSTEM_USER));
				}
				require(List.of("chown", "-R", SYSTEM_USER, home.toString()));
				asUser = List.of("runuser", "-u", SYSTEM_USER, "--");
			}
			int port = freePort();
			require(command(asUser, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
					"--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync"));
			require(command(asUser, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
					home.resolve("log").toString(), "-w", "-o",
					"-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
			List<String> stop = command(asUser, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m",
					"immediate", "-w", "stop");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stop, home)));
			return new RealServices.Database("postgresql", "127.0.0.1", port, "postgres", "postgres", PASSWORD);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void stop(List<String> stop, Path home) {
		try {
			run(stop);
			try (Stream<Path> paths = Files.walk(home)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
		catch (IOException ex) {
			// The JVM is exiting; a temporary directory left behind is harmless.
		}
	}

	private static Path binDirectory() throws IOException {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.comparing((bin) -> Integer.parseInt(bin.getParent().getFileName().toString())))
				.orElseThrow(() -> new IllegalStateException("No initdb under /usr/lib/postgresql"));
		}
	}

	private static boolean isRoot() throws IOException {
		Process process = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().equals("0");
	}

	private static List<String> command(List<String> prefix, String... command) {
		List<String> full = new ArrayList<>(prefix);
		full.addAll(List.of(command));
		return full;
	}

	private static void require(List<String> command) throws IOException {
		if (run(command) != 0) {
			throw new IllegalStateException("Failed: " + String.join(" ", command));
		}
	}

	private static int run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + String.join(" ", command));
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
