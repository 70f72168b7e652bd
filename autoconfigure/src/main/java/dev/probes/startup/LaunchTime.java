package dev.probes.startup;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * When the application was launched: where the start-up wait's deadline counts from, so
 * that {@code probes.startup.timeout: 5s} means the process gives up about 5 s after it
 * started, as the kubelet's {@code startupProbe} counts from the container's start.
 *
 * @param originNanos {@link System#nanoTime()} at the launch
 * @param origin what the launch was, for the report, such as "the JVM's start"
 */
public record LaunchTime(long originNanos, String origin) {

	/**
	 * Return the JVM's start: the launch of an application that is the first the JVM
	 * runs.
	 * @return the launch time
	 */
	public static LaunchTime jvmStart() {
		long uptimeNanos = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()).toNanos();
		return new LaunchTime(System.nanoTime() - uptimeNanos, "the JVM's start");
	}

	/**
	 * Return the present moment as the launch.
	 * @param origin what happens now, such as "the application's start"
	 * @return the launch time
	 */
	public static LaunchTime now(String origin) {
		return new LaunchTime(System.nanoTime(), origin);
	}

	/**
	 * Return the time since the launch.
	 * @return the elapsed time
	 */
	public Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.originNanos);
	}

}
