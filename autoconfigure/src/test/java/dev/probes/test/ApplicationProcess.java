package dev.probes.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an application's {@code main} in a JVM of its own, on the test class path, as a
 * user would start it: to see its console and its exit code.
 *
 * @param exitCode the process's exit code
 * @param elapsed from launch to exit
 * @param output what it wrote to standard output and standard error
 */
public record ApplicationProcess(int exitCode, Duration elapsed, String output) {

	private static final Duration LIMIT = Duration.ofSeconds(60);

	/**
	 * Run the application until it exits, for at most 60 seconds.
	 * @param main the class with the {@code main} method
	 * @param properties its properties, each as {@code key=value} or {@code --key=value}
	 * @return how it ended
	 * @throws Exception when it cannot be started, or still runs after 60 seconds
	 */
	public static ApplicationProcess run(Class<?> main, List<String> properties) throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		// C1 only, as spring-boot:run starts applications: the JVM's own start-up is not
		// under test.
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-cp", classPath, main.getName()));
		properties.forEach((property) -> command.add(property.startsWith("--") ? property : "--" + property));
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
		if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("Process still running after " + LIMIT.toSeconds() + "s:\n" + output.getNow(""));
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		return new ApplicationProcess(process.exitValue(), elapsed, output.get(10, TimeUnit.SECONDS));
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "exit %d after %s:%n%s", this.exitCode, this.elapsed, this.output);
	}

	private static String readAll(InputStream in) {
		try {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

}
