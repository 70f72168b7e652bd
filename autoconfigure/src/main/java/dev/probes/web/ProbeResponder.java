package dev.probes.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Picks the answer to a probe request from the current verdicts: the one rendering that
 * the servlet filter, the WebFlux filter and the probe server share.
 *
 * <p>
 * Text ({@code ok}, {@code ?verbose}, {@code ?exclude=}) for every client but those that
 * ask for JSON ({@code application/json} or Actuator's media type). A plain probe only
 * selects bytes rendered when the verdict was built.
 */
public final class ProbeResponder {

	private final ProbeVerdicts verdicts;

	private final ProbePaths paths;

	/**
	 * Create a responder.
	 * @param verdicts the verdicts to answer from
	 * @param paths the paths to answer
	 */
	public ProbeResponder(ProbeVerdicts verdicts, ProbePaths paths) {
		this.verdicts = verdicts;
		this.paths = paths;
	}

	public ProbePaths paths() {
		return this.paths;
	}

	/**
	 * Answer a request.
	 * @param path the request path, without any context path
	 * @param query the raw query string, or {@code null}
	 * @param accept the {@code Accept} header, or {@code null}
	 * @return the answer, or {@code null} when the path is not a probe's (or names no
	 * check of it)
	 */
	public @Nullable ProbeResponse respond(String path, @Nullable String query, @Nullable String accept) {
		ProbePaths.Target target = this.paths.match(path);
		if (target == null) {
			return null;
		}
		if (target.check() != null) {
			return this.verdicts.verdict(target.probe()).single(target.check());
		}
		return respond(target.probe(), query, accept);
	}

	/**
	 * Answer a request for a whole probe, whatever its path.
	 * @param probe the probe
	 * @param query the raw query string, or {@code null}
	 * @param accept the {@code Accept} header, or {@code null}
	 * @return the answer
	 */
	public ProbeResponse respond(Probe probe, @Nullable String query, @Nullable String accept) {
		Verdict verdict = this.verdicts.verdict(probe);
		if (accept != null && accept.contains("json")) {
			if (accept.contains(ProbeResponse.ACTUATOR_JSON)) {
				return verdict.json().as(ProbeResponse.ACTUATOR_JSON);
			}
			if (accept.contains(ProbeResponse.JSON)) {
				return verdict.json();
			}
		}
		if (query == null || query.isEmpty()) {
			return verdict.plain();
		}
		boolean verbose = false;
		List<String> excluded = new ArrayList<>();
		for (String parameter : query.split("&")) {
			int equals = parameter.indexOf('=');
			String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			if (name.equals("verbose")) {
				verbose = true;
			}
			else if (name.equals("exclude") && equals >= 0) {
				for (String value : decode(parameter.substring(equals + 1)).split(",")) {
					if (!value.isBlank()) {
						excluded.add(value.trim());
					}
				}
			}
		}
		if (!excluded.isEmpty()) {
			return verdict.excluding(excluded, verbose);
		}
		return verbose ? verdict.verbose() : verdict.plain();
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

}
