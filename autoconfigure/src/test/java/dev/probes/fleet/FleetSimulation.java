package dev.probes.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.probes.check.Redactor;
import dev.probes.check.TcpCheck;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.StateListener;

/**
 * Simulates a fleet in one JVM: one {@link CheckScheduler} per pod, each with one
 * {@link TcpCheck} against the same {@link CountingServer}, all started in the same
 * instant; the server refuses connections for a while and comes back, and the connections
 * it accepts and the attempts the pods make are counted over time.
 *
 * <p>
 * Run by {@code benchmarks/fleet-simulation.sh} with arguments such as
 * {@code name=jitter-0.1 pods=1000 interval=10s interval-when-down=2s jitter=0.1 outage=30s
 * csv=out.csv summary=summary.tsv}; {@code FleetSimulationTests} runs short scenarios in
 * the test suite.
 */
public final class FleetSimulation {

	private FleetSimulation() {
	}

	/**
	 * Run one scenario to its end; takes its whole timeline in real time.
	 * @param scenario the scenario
	 * @param progress where to say what happens, or {@code null}
	 * @return what was counted
	 * @throws IOException when the server cannot listen
	 * @throws InterruptedException when interrupted
	 */
	static FleetRun run(FleetScenario scenario, PrintStream progress) throws IOException, InterruptedException {
		long binNanos = scenario.binNanos();
		Tally accepted = new Tally(binNanos, scenario.end());
		Tally attempts = new Tally(binNanos, scenario.end());
		StateListener countAttempt = (dependency, previous, current) -> attempts.record();
		List<CheckScheduler> pods = new ArrayList<>();
		try (CountingServer server = new CountingServer(accepted)) {
			for (int i = 0; i < scenario.pods(); i++) {
				DependencyMonitor monitor = new DependencyMonitor("dependency", "tcp",
						new TcpCheck(server.host(), server.port()), scenario.settings(), Redactor.none(),
						Clock.systemUTC(), List.of(countAttempt));
				pods.add(new CheckScheduler(List.of(monitor)));
			}
			try {
				long origin = System.nanoTime();
				accepted.startAt(origin);
				attempts.startAt(origin);
				pods.forEach(CheckScheduler::start);
				Duration startSpread = Duration.ofNanos(System.nanoTime() - origin);
				say(progress, scenario, "%d pods started within %d ms", scenario.pods(), startSpread.toMillis());
				sleepUntil(origin + scenario.outageStart() * binNanos);
				server.refuse();
				say(progress, scenario, "outage: connections refused");
				sleepUntil(origin + scenario.outageEnd() * binNanos);
				server.restore();
				say(progress, scenario, "outage over: connections accepted");
				sleepUntil(origin + scenario.end() * binNanos);
				return new FleetRun(scenario, accepted.counts(), attempts.counts(), startSpread);
			}
			finally {
				pods.forEach(CheckScheduler::close);
			}
		}
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long remaining;
		while ((remaining = nanoTime - System.nanoTime()) > 0) {
			TimeUnit.NANOSECONDS.sleep(remaining);
		}
	}

	private static void say(PrintStream progress, FleetScenario scenario, String format, Object... args) {
		if (progress != null) {
			progress.printf("%s: %s%n", scenario.name(), String.format(format, args));
		}
	}

	/**
	 * Run one scenario, write its series as CSV and append its figures to a summary.
	 * @param args {@code key=value} pairs: {@code name}, {@code pods} (1000),
	 * {@code interval} (10s), {@code interval-when-down} (2s), {@code jitter} (0.1),
	 * {@code outage} (30s), {@code steady-intervals} (4), {@code following-intervals}
	 * (6), {@code csv} and {@code summary} (files; none by default)
	 * @throws Exception when the run fails
	 */
	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(
				Map.of("pods", "1000", "interval", "10s", "interval-when-down", "2s", "jitter", "0.1", "outage", "30s",
						"steady-intervals", "4", "following-intervals", "6"));
		for (String arg : args) {
			String[] pair = arg.split("=", 2);
			if (pair.length != 2) {
				throw new IllegalArgumentException("Expected key=value, got '" + arg + "'");
			}
			options.put(pair[0], pair[1]);
		}
		FleetScenario scenario = new FleetScenario(options.getOrDefault("name", "fleet"),
				Integer.parseInt(options.get("pods")), duration(options.get("interval")),
				duration(options.get("interval-when-down")), Double.parseDouble(options.get("jitter")),
				duration(options.get("outage")), Integer.parseInt(options.get("steady-intervals")),
				Integer.parseInt(options.get("following-intervals")));
		FleetRun run = run(scenario, System.err);
		if (options.containsKey("csv")) {
			Files.writeString(Path.of(options.get("csv")), run.csv(), StandardCharsets.UTF_8);
		}
		if (options.containsKey("summary")) {
			Path summary = Path.of(options.get("summary"));
			String header = Files.exists(summary) ? "" : FleetRun.SUMMARY_HEADER + "\n";
			Files.writeString(summary, header + run.summary() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		System.out.println(FleetRun.SUMMARY_HEADER);
		System.out.println(run.summary());
	}

	private static Duration duration(String text) {
		if (text.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
		}
		if (text.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
		}
		throw new IllegalArgumentException("Expected a duration such as 10s or 500ms, got '" + text + "'");
	}

}
