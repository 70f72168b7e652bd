package dev.probes.engine;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.probes.check.Durations;

/**
 * Logs each change of a dependency's status once, never once per attempt: the line an
 * operator looks for when a pod stops being ready, such as
 * {@code postgres DOWN (connection refused) after 3 failures; was UP for 2h13m}.
 *
 * <p>
 * Errors are the monitor's short, credential-free descriptions.
 */
public final class TransitionLogger implements StateListener {

	private static final Log logger = LogFactory.getLog(TransitionLogger.class);

	@Override
	public void attemptCompleted(DependencyMonitor dependency, DependencyState previous, DependencyState current) {
		if (previous.status() == current.status()) {
			return;
		}
		String line = describe(dependency.name(), previous, current);
		if (current.status() == DependencyStatus.DOWN) {
			logger.warn(line);
		}
		else {
			logger.info(line);
		}
	}

	static String describe(String name, DependencyState previous, DependencyState current) {
		StringBuilder line = new StringBuilder(name).append(' ').append(current.status());
		boolean down = current.status() == DependencyStatus.DOWN;
		if (down) {
			line.append(" (").append(current.error()).append(')');
		}
		if (previous.status() == DependencyStatus.UNKNOWN) {
			return line.append(" at the first check").toString();
		}
		int attempts = down ? current.consecutiveFailures() : current.consecutiveSuccesses();
		line.append(" after ").append(attempts).append(down ? " failure" : " success");
		line.append((attempts == 1) ? "" : (down ? "s" : "es"));
		if (previous.since() != null && current.since() != null) {
			Duration lasted = Duration.between(previous.since(), current.since());
			line.append("; was ").append(previous.status()).append(" for ").append(Durations.format(lasted));
		}
		return line.toString();
	}

}
