package dev.probes.engine;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs each change of a dependency's status, once, with the reason: the line an operator
 * looks for when a pod stops being ready.
 */
public final class TransitionLogger implements StateListener {

	private static final Log logger = LogFactory.getLog(TransitionLogger.class);

	@Override
	public void attemptCompleted(DependencyMonitor dependency, DependencyState previous, DependencyState current) {
		if (previous.status() == current.status()) {
			return;
		}
		if (current.status() == DependencyStatus.DOWN) {
			logger.warn("Dependency '%s' is DOWN: %s".formatted(dependency.name(), current.error()));
		}
		else {
			logger.info("Dependency '%s' is %s".formatted(dependency.name(), current.status()));
		}
	}

}
