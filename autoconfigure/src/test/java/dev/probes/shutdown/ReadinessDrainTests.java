package dev.probes.shutdown;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.probes.test.KubeletClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drain on shutdown, with a real process stopped by SIGTERM while a client keeps
 * sending it requests and probes: readiness 503 at once, liveness 200 to the end, every
 * request served until the drain is over.
 */
class ReadinessDrainTests {

	private static final Duration DRAIN = Duration.ofSeconds(2);

	@Test
	void onSigtermReadinessTurns503AtOnceAndRequestsAreServedUntilTheDrainEnds() throws Exception {
		int port = freePort();
		// A file, not a pipe: Process.destroy() closes the pipes, and the drain logs
		// after it.
		Path output = Files.createTempFile("probes-drain", ".log");
		Process process = start(port, output, "--probes.shutdown.drain-delay=2s", "--server.shutdown=graceful");
		try {
			awaitReady(port, process);
			List<Sample> samples = new CopyOnWriteArrayList<>();
			AtomicBoolean stopped = new AtomicBoolean();
			Thread client = new Thread(() -> {
				while (!stopped.get()) {
					samples.add(Sample.of("/work", port));
					samples.add(Sample.of("/readyz", port));
					samples.add(Sample.of("/livez", port));
					samples.add(Sample.of("/actuator/health/readiness", port));
					sleep(Duration.ofMillis(20));
				}
			});
			client.start();
			sleep(Duration.ofMillis(500));
			long signalled = System.nanoTime();
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			long exited = System.nanoTime();
			stopped.set(true);
			client.join();

			Sample first503 = samples.stream()
				.filter((sample) -> sample.path().equals("/readyz") && sample.status() == 503)
				.findFirst()
				.orElseThrow();
			List<Sample> readyAfterSignal = samples.stream()
				.filter((sample) -> sample.path().equals("/readyz") && sample.sentAt() > signalled + millis(200)
						&& sample.status() != -1)
				.toList();
			List<Sample> workInDrain = samples.stream()
				.filter((sample) -> sample.path().equals("/work")
						&& sample.sentAt() < signalled + DRAIN.toNanos() - millis(200))
				.toList();
			System.out.printf(
					"MEASURED drain 2s: first /readyz 503 sent %dms after SIGTERM; %d /work requests during"
							+ " the drain, %d failed; process ended %dms after SIGTERM%n",
					TimeUnit.NANOSECONDS.toMillis(first503.sentAt() - signalled),
					workInDrain.stream().filter((sample) -> sample.sentAt() > signalled).count(),
					workInDrain.stream().filter((sample) -> sample.status() != 200).count(),
					TimeUnit.NANOSECONDS.toMillis(exited - signalled));
			assertThat(first503.sentAt() - signalled).isLessThan(millis(200));
			assertThat(readyAfterSignal).isNotEmpty()
				.allSatisfy((sample) -> assertThat(sample.status()).isEqualTo(503));
			assertThat(workInDrain).filteredOn((sample) -> sample.sentAt() > signalled).hasSizeGreaterThan(20);
			assertThat(workInDrain).allSatisfy((sample) -> assertThat(sample.status()).isEqualTo(200));
			assertThat(samples)
				.filteredOn((sample) -> sample.path().equals("/actuator/health/readiness")
						&& sample.sentAt() > signalled + millis(200) && sample.status() != -1)
				.isNotEmpty()
				.allSatisfy((sample) -> assertThat(sample.status()).isEqualTo(503));
			assertThat(samples).filteredOn((sample) -> sample.path().equals("/livez") && sample.status() != -1)
				.allSatisfy((sample) -> assertThat(sample.status()).isEqualTo(200));
			assertThat(Duration.ofNanos(exited - signalled)).isGreaterThanOrEqualTo(DRAIN)
				.isLessThan(DRAIN.plusSeconds(10));
			assertThat(Files.readString(output))
				.contains("Draining: /readyz answers 503 while requests are still served for 2s", "Drained after 2");
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(output);
		}
	}

	private static Process start(int port, Path output, String... arguments) throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-cp",
				classPath, DrainingApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--spring.main.web-application-type=servlet",
				"--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
	}

	private static void awaitReady(int port, Process process) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (KubeletClient.status(port, "/readyz") != 200) {
			assertThat(process.isAlive()).as("the application is running").isTrue();
			assertThat(System.nanoTime()).as("ready within 60s").isLessThan(deadline);
			sleep(Duration.ofMillis(100));
		}
	}

	private static long millis(long millis) {
		return TimeUnit.MILLISECONDS.toNanos(millis);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * One request: what was asked, when it was sent, and the status (-1: no answer).
	 */
	private record Sample(String path, long sentAt, int status) {

		static Sample of(String path, int port) {
			long sentAt = System.nanoTime();
			return new Sample(path, sentAt, KubeletClient.status(port, path));
		}

	}

}
