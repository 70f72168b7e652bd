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
 * attempt in flight. Idle threads end after a minute, so the pool stays small. Monitors
 * added after the start (the health contributors run in the background once the context
 * knows them) start at once and grow the pool by one thread each.
 */
public final class CheckScheduler implements AutoCloseable {

	private static final long IDLE_THREAD_SECONDS = 60;

	private final Map<String, DependencyMonitor> monitors;

	private @Nullable ScheduledThreadPoolExecutor timer;

	private @Nullable ThreadPoolExecutor workers;

	private boolean started;

	private boolean closed;

	public CheckScheduler(List<DependencyMonitor> monitors) {
		Map<String, DependencyMonitor> byName = new LinkedHashMap<>();
		monitors.forEach((monitor) -> byName.put(monitor.name(), monitor));
		this.monitors = byName;
	}

	/**
	 * Return every monitored dependency, in declaration order.
	 * @return the monitors
	 */
	public synchronized List<DependencyMonitor> monitors() {
		return List.copyOf(this.monitors.values());
	}

	public synchronized Optional<DependencyMonitor> monitor(String name) {
		return Optional.ofNullable(this.monitors.get(name));
	}

	/**
	 * Start checking every dependency at once; calling it again has no effect.
	 */
	public synchronized void start() {
		if (this.started || this.closed) {
			return;
		}
		this.started = true;
		this.monitors.values().forEach(this::startMonitor);
	}

	/**
	 * Add a dependency to check, at once when the scheduler has started.
	 * @param monitor the monitor
	 * @throws IllegalStateException when a monitor of the same name exists
	 */
	public synchronized void add(DependencyMonitor monitor) {
		if (this.monitors.putIfAbsent(monitor.name(), monitor) != null) {
			throw new IllegalStateException("A dependency named '" + monitor.name() + "' is already checked");
		}
		if (this.closed) {
			monitor.stop();
		}
		else if (this.started) {
			startMonitor(monitor);
		}
	}

	private void startMonitor(DependencyMonitor monitor) {
		if (this.timer == null || this.workers == null) {
			ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("probes-scheduler"));
			timer.setRemoveOnCancelPolicy(true);
			ThreadPoolExecutor workers = new ThreadPoolExecutor(this.monitors.size(), this.monitors.size(),
					IDLE_THREAD_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("probes-check"));
			workers.allowCoreThreadTimeOut(true);
			this.timer = timer;
			this.workers = workers;
		}
		else if (this.workers.getMaximumPoolSize() < this.monitors.size()) {
			// One thread per dependency: grow the maximum first, it may never be below
			// the core size.
			this.workers.setMaximumPoolSize(this.monitors.size());
			this.workers.setCorePoolSize(this.monitors.size());
		}
		monitor.start(this.timer, this.workers);
	}

	/**
	 * Stop checking and release every check's own resources.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
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
