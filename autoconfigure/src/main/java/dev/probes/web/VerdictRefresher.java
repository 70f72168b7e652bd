package dev.probes.web;

import dev.probes.engine.DependencyMonitor;
import dev.probes.engine.DependencyState;
import dev.probes.engine.StateListener;

/**
 * Rebuilds the verdicts each time a check attempt completes, on the thread that completed
 * it: probes then only read what was built.
 */
public final class VerdictRefresher implements StateListener {

	private final ProbeVerdicts verdicts;

	public VerdictRefresher(ProbeVerdicts verdicts) {
		this.verdicts = verdicts;
	}

	@Override
	public void attemptCompleted(DependencyMonitor dependency, DependencyState previous, DependencyState current) {
		this.verdicts.refresh();
	}

}
