package dev.probes.fleet;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Counts events in bins of a fixed width, from an origin on the {@link System#nanoTime()}
 * clock: one count per accepted connection or per completed attempt. Nothing is counted
 * before the origin is set.
 */
final class Tally {

	private final long binNanos;

	private final AtomicIntegerArray bins;

	private volatile long origin;

	private volatile boolean started;

	/**
	 * Create a tally.
	 * @param binNanos the width of one bin
	 * @param bins the number of bins; events past the last one are not counted
	 */
	Tally(long binNanos, int bins) {
		this.binNanos = binNanos;
		this.bins = new AtomicIntegerArray(bins);
	}

	/**
	 * Start counting.
	 * @param origin the start of the first bin, from {@link System#nanoTime()}
	 */
	void startAt(long origin) {
		this.origin = origin;
		this.started = true;
	}

	void record() {
		if (!this.started) {
			return;
		}
		long bin = (System.nanoTime() - this.origin) / this.binNanos;
		if (bin < this.bins.length()) {
			this.bins.incrementAndGet((int) bin);
		}
	}

	int[] counts() {
		int[] counts = new int[this.bins.length()];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = this.bins.get(i);
		}
		return counts;
	}

}
