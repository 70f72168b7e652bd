package dev.probes.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The paths one server answers as probes: each probe's path, and below it one path per
 * check ({@code /readyz/postgres}).
 */
public final class ProbePaths {

	private final Map<String, Probe> paths;

	private ProbePaths(Map<String, Probe> paths) {
		this.paths = Map.copyOf(paths);
	}

	/**
	 * Return the default paths, {@code /livez} and {@code /readyz}.
	 * @return the paths
	 */
	public static ProbePaths defaults() {
		return builder().add(Probe.LIVENESS, Probe.LIVENESS.defaultPath())
			.add(Probe.READINESS, Probe.READINESS.defaultPath())
			.build();
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return what a request path asks for.
	 * @param path the path, without any context path
	 * @return the probe and check asked for, or {@code null} when the path is not a
	 * probe's
	 */
	public @Nullable Target match(String path) {
		Probe probe = this.paths.get(path);
		if (probe != null) {
			return new Target(probe, null);
		}
		int slash = path.lastIndexOf('/');
		if (slash > 0 && slash < path.length() - 1) {
			probe = this.paths.get(path.substring(0, slash));
			if (probe != null) {
				return new Target(probe, path.substring(slash + 1));
			}
		}
		return null;
	}

	/**
	 * Return the paths and, for each, the pattern of its per-check paths, as servlet URL
	 * patterns.
	 * @return the patterns
	 */
	public String[] urlPatterns() {
		return this.paths.keySet()
			.stream()
			.flatMap((path) -> java.util.stream.Stream.of(path, path + "/*"))
			.toArray(String[]::new);
	}

	public boolean isEmpty() {
		return this.paths.isEmpty();
	}

	@Override
	public String toString() {
		return this.paths.keySet().toString();
	}

	/**
	 * What a request asks for.
	 *
	 * @param probe the probe
	 * @param check one check of it, or {@code null} for the whole probe
	 */
	public record Target(Probe probe, @Nullable String check) {

	}

	/**
	 * Collects paths.
	 */
	public static final class Builder {

		private final Map<String, Probe> paths = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Serve a probe on a path.
		 * @param probe the probe
		 * @param path the path, such as {@code /readyz}
		 * @return this builder
		 */
		public Builder add(Probe probe, String path) {
			String normalized = path.startsWith("/") ? path : "/" + path;
			while (normalized.length() > 1 && normalized.endsWith("/")) {
				normalized = normalized.substring(0, normalized.length() - 1);
			}
			this.paths.put(normalized, probe);
			return this;
		}

		public ProbePaths build() {
			return new ProbePaths(this.paths);
		}

	}

}
