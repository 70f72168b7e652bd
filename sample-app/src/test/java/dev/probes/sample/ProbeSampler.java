package dev.probes.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.probes.test.KubeletClient;

/**
 * Polls {@code /readyz} and {@code /livez} the way a kubelet would, only much more often,
 * and records every answer with its latency.
 */
final class ProbeSampler {

	private final int port;

	private final List<Sample> samples = new ArrayList<>();

	ProbeSampler(int port) {
		this.port = port;
	}

	/**
	 * Probe both paths in turn until a {@code /readyz} answer matches, then for
	 * {@code linger} more, and return when the match happened.
	 * @param readyz the awaited {@code /readyz} status
	 * @param since when the clock started (System.nanoTime)
	 * @param limit how long to wait at most
	 * @param linger how long to keep probing after the match
	 * @return time from {@code since} to the first matching answer
	 */
	Duration until(int readyz, long since, Duration limit, Duration linger) {
		long deadline = since + limit.toNanos();
		Duration matchedAfter = null;
		long lingerUntil = Long.MAX_VALUE;
		while (System.nanoTime() < Math.min(deadline, lingerUntil)) {
			Sample sample = probe("/readyz", since);
			if (matchedAfter == null && sample.status() == readyz) {
				matchedAfter = sample.at();
				lingerUntil = System.nanoTime() + linger.toNanos();
			}
			probe("/livez", since);
			sleep(10);
		}
		if (matchedAfter == null) {
			throw new AssertionError("/readyz never answered " + readyz + " within " + limit + "; last samples: "
					+ this.samples.subList(Math.max(0, this.samples.size() - 6), this.samples.size()));
		}
		return matchedAfter;
	}

	/**
	 * Probe both paths in turn for a while.
	 * @param duration how long
	 */
	void during(Duration duration) {
		long since = System.nanoTime();
		while (System.nanoTime() - since < duration.toNanos()) {
			probe("/readyz", since);
			probe("/livez", since);
			sleep(10);
		}
	}

	/**
	 * Return the status of one GET.
	 * @param path the path
	 * @return the status, -1 when none came
	 */
	int status(String path) {
		return probe(path, System.nanoTime()).status();
	}

	List<Sample> samples(String path) {
		return this.samples.stream().filter((sample) -> sample.path().equals(path)).toList();
	}

	List<Sample> matching(Predicate<Sample> predicate) {
		return this.samples.stream().filter(predicate).toList();
	}

	Duration maxLatency(String path) {
		return samples(path).stream().map(Sample::latency).max(Duration::compareTo).orElse(Duration.ZERO);
	}

	List<Sample> slowest(int count) {
		return this.samples.stream().sorted((a, b) -> b.latency().compareTo(a.latency())).limit(count).toList();
	}

	void clear() {
		this.samples.clear();
	}

	private Sample probe(String path, long since) {
		long start = System.nanoTime();
		int status = KubeletClient.status(this.port, path);
		long end = System.nanoTime();
		Sample sample = new Sample(path, status, Duration.ofNanos(end - since), Duration.ofNanos(end - start));
		this.samples.add(sample);
		return sample;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One probe answer.
	 *
	 * @param path the probed path
	 * @param status the HTTP status, -1 when none came
	 * @param at when the answer came, from the start of the scenario
	 * @param latency how long the request took
	 */
	record Sample(String path, int status, Duration at, Duration latency) {

	}

}
