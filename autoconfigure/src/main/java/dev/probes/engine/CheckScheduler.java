package dev.probes.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Checks every declared dependency in the background, in parallel.
 *
 * <p>
 * One timer thread schedules attempts and timeouts; attempts run on a pool of at most one
 * thread per dependency, which is enough because a dependency never has more than one
 * attempt in flight. Idle threads end after a minute, so the pool stays small.
 */
public final class CheckScheduler implements AutoCloseable {

	private static final long IDLE_THREAD_SECONDS = 60;

	private final Map<String, DependencyMonitor> monitors;

	private @Nullable ScheduledThreadPoolExecutor timer;

	private @Nullable ThreadPoolExecutor workers;

	public CheckScheduler(List<DependencyMonitor> monitors) {
		Map<String, DependencyMonitor> byName = new LinkedHashMap<>();
		monitors.forEach((monitor) -> byName.put(monitor.name(), monitor));
		this.monitors = byName;
	}

	/**
	 * Return every monitored dependency, in declaration order.
	 * @return the monitors
	 */
	public List<DependencyMonitor> monitors() {
		return List.copyOf(this.monitors.values());
	}

	public Optional<DependencyMonitor> monitor(String name) {
		return Optional.ofNullable(this.monitors.get(name));
	}

	/**
	 * Start checking every dependency at once; calling it again has no effect.
	 */
	public synchronized void start() {
		if (this.timer != null || this.monitors.isEmpty()) {
			return;
		}
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("probes-scheduler"));
		timer.setRemoveOnCancelPolicy(true);
		ThreadPoolExecutor workers = new ThreadPoolExecutor(this.monitors.size(), this.monitors.size(),
				IDLE_THREAD_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("probes-check"));
		workers.allowCoreThreadTimeOut(true);
		this.timer = timer;
		this.workers = workers;
		this.monitors.values().forEach((monitor) -> monitor.start(timer, workers));
	}

	/**
	 * Stop checking and release every check's own resources.
	 */
	@Override
	public synchronized void close() {
		this.monitors.values().forEach(DependencyMonitor::stop);
		shutdown(this.timer);
		shutdown(this.workers);
		this.timer = null;
		this.workers = null;
	}

	private static void shutdown(@Nullable ExecutorService executor) {
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
