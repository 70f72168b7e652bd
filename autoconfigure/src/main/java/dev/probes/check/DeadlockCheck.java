package dev.probes.check;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Fails while the JVM reports deadlocked threads (monitors or ownable synchronizers such
 * as {@code ReentrantLock}): the "process is stuck" case a liveness probe exists for. Not
 * a dependency: it is a member of liveness only.
 */
public final class DeadlockCheck implements DependencyCheck {

	private final ThreadMXBean threads;

	public DeadlockCheck() {
		this(ManagementFactory.getThreadMXBean());
	}

	DeadlockCheck(ThreadMXBean threads) {
		this.threads = threads;
	}

	@Override
	public CheckResult check(Duration timeout) {
		long[] deadlocked = this.threads.findDeadlockedThreads();
		if (deadlocked == null || deadlocked.length == 0) {
			return CheckResult.success();
		}
		String names = Arrays.stream(this.threads.getThreadInfo(deadlocked))
			.filter(Objects::nonNull)
			.map(ThreadInfo::getThreadName)
			.sorted()
			.collect(Collectors.joining(", "));
		return CheckResult.failure(deadlocked.length + " deadlocked threads: " + names);
	}

}
