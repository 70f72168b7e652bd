package dev.probes.web;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;

/**
 * The Kubernetes API server's text answers to {@code /livez} and {@code /readyz}:
 * {@code ok}, or one {@code [+]name ok} / {@code [-]name failed: reason withheld} line
 * per check followed by {@code readyz check passed|failed}. Reasons are withheld because
 * probe paths answer without authentication; the transition log has them.
 */
final class TextContract {

	static final String OK = "ok";

	private TextContract() {
	}

	static boolean passed(int httpStatus) {
		return httpStatus < 400;
	}

	static String listing(Probe probe, List<Verdict.Check> checks, Set<String> excluded, List<String> unmatched,
			boolean passed) {
		StringBuilder text = new StringBuilder();
		for (Verdict.Check check : checks) {
			if (excluded.contains(check.name())) {
				text.append("[+]").append(check.name()).append(" excluded: ok\n");
			}
			else {
				text.append(line(check));
			}
		}
		if (!unmatched.isEmpty()) {
			text.append("warn: some health checks cannot be excluded: no matches for ")
				.append(unmatched.stream().map((name) -> "\"" + name + "\"").collect(Collectors.joining(",")))
				.append('\n');
		}
		text.append(probe.probeName()).append(passed ? " check passed\n" : " check failed\n");
		return text.toString();
	}

	static ProbeResponse single(Verdict.Check check, HttpCodeStatusMapper mapper) {
		int code = mapper.getStatusCode(check.health().getStatus());
		return ProbeResponse.text(code, passed(code) ? OK : line(check));
	}

	private static String line(Verdict.Check check) {
		return check.passed() ? "[+]" + check.name() + " ok\n" : "[-]" + check.name() + " failed: reason withheld\n";
	}

}
