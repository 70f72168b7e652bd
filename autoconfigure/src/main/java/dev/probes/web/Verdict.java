package dev.probes.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The answer of one probe at one moment: its status, one line per check, and every body a
 * probe can be answered with, rendered when the verdict is built so that answering a
 * probe only writes bytes.
 */
public final class Verdict {

	private final Probe probe;

	private final Status status;

	private final List<Check> checks;

	private final Map<String, Check> checksByName;

	private final StatusAggregator statusAggregator;

	private final HttpCodeStatusMapper httpCodeStatusMapper;

	private final ProbeResponse plain;

	private final ProbeResponse verbose;

	private final ProbeResponse json;

	private final Map<String, ProbeResponse> singleChecks;

	private Verdict(Probe probe, List<Check> checks, StatusAggregator statusAggregator,
			HttpCodeStatusMapper httpCodeStatusMapper, Status status, ProbeResponse json) {
		this.probe = probe;
		this.checks = List.copyOf(checks);
		this.statusAggregator = statusAggregator;
		this.httpCodeStatusMapper = httpCodeStatusMapper;
		this.status = status;
		Map<String, Check> byName = new LinkedHashMap<>();
		Map<String, ProbeResponse> singleChecks = new LinkedHashMap<>();
		for (Check check : this.checks) {
			byName.put(check.name(), check);
			singleChecks.put(check.name(), TextContract.single(check, httpCodeStatusMapper));
		}
		this.checksByName = byName;
		this.singleChecks = singleChecks;
		int code = httpCodeStatusMapper.getStatusCode(status);
		this.verbose = ProbeResponse.text(code,
				TextContract.listing(probe, this.checks, Set.of(), List.of(), TextContract.passed(code)));
		this.plain = TextContract.passed(code) ? ProbeResponse.text(code, TextContract.OK) : this.verbose;
		this.json = json;
	}

	/**
	 * Build the verdict of a probe from its members' health.
	 * @param definition the probe's members and rules
	 * @param health each member's health, by name
	 * @return the verdict
	 */
	public static Verdict of(ProbeDefinition definition, Map<String, Health> health) {
		List<Check> checks = new ArrayList<>();
		for (ProbeMember member : definition.members()) {
			Health memberHealth = health.get(member.name());
			if (memberHealth != null) {
				checks.add(new Check(member.name(), memberHealth, TextContract
					.passed(definition.httpCodeStatusMapper().getStatusCode(memberHealth.getStatus()))));
			}
		}
		Status status = aggregate(definition.statusAggregator(), checks, Set.of());
		byte[] json = ActuatorJson.group(status, checks, definition.showComponents(), definition.showDetails());
		return new Verdict(definition.probe(), checks, definition.statusAggregator(), definition.httpCodeStatusMapper(),
				status,
				new ProbeResponse(definition.httpCodeStatusMapper().getStatusCode(status), ProbeResponse.JSON, json));
	}

	/**
	 * Build a verdict with explicit checks and JSON body, such as the one served while
	 * the application starts.
	 * @param probe the probe
	 * @param checks its checks
	 * @param status its status
	 * @param json its JSON body
	 * @return the verdict
	 */
	static Verdict of(Probe probe, List<Check> checks, Status status, byte[] json) {
		HttpCodeStatusMapper mapper = new SimpleHttpCodeStatusMapper();
		return new Verdict(probe, checks, StatusAggregator.getDefault(), mapper, status,
				new ProbeResponse(mapper.getStatusCode(status), ProbeResponse.JSON, json));
	}

	public Probe probe() {
		return this.probe;
	}

	public Status status() {
		return this.status;
	}

	/**
	 * Return whether the probe passes: its status maps to a success code.
	 * @return whether the probe passes
	 */
	public boolean passed() {
		return TextContract.passed(this.plain.status());
	}

	public List<Check> checks() {
		return this.checks;
	}

	/**
	 * Return the answer to a plain probe: {@code ok}, or the listing of the checks.
	 * @return the answer
	 */
	public ProbeResponse plain() {
		return this.plain;
	}

	/**
	 * Return the answer to {@code ?verbose}: one line per check and the outcome.
	 * @return the answer
	 */
	public ProbeResponse verbose() {
		return this.verbose;
	}

	/**
	 * Return the answer to a client that asks for JSON: Actuator's shape, as the group's
	 * {@code show-components} and {@code show-details} settings allow without
	 * authentication.
	 * @return the answer
	 */
	public ProbeResponse json() {
		return this.json;
	}

	/**
	 * Return the answer for one check ({@code /readyz/postgres}).
	 * @param name the check's name
	 * @return the answer, or {@code null} when the probe has no such check
	 */
	public @Nullable ProbeResponse single(String name) {
		return this.singleChecks.get(name);
	}

	/**
	 * Return the answer with some checks left out ({@code ?exclude=}), as the API server
	 * gives it: excluded checks are listed as such and names that match no check are
	 * warned about.
	 * @param excluded the names to leave out
	 * @param verbose whether a passing answer lists the checks
	 * @return the answer
	 */
	public ProbeResponse excluding(Collection<String> excluded, boolean verbose) {
		Set<String> names = new LinkedHashSet<>(excluded);
		List<String> unmatched = new ArrayList<>(new TreeSet<>(names));
		unmatched.removeAll(this.checksByName.keySet());
		int code = this.httpCodeStatusMapper.getStatusCode(aggregate(this.statusAggregator, this.checks, names));
		boolean passed = TextContract.passed(code);
		if (passed && !verbose) {
			return ProbeResponse.text(code, TextContract.OK);
		}
		return ProbeResponse.text(code, TextContract.listing(this.probe, this.checks, names, unmatched, passed));
	}

	private static Status aggregate(StatusAggregator aggregator, List<Check> checks, Set<String> excluded) {
		Set<Status> statuses = new LinkedHashSet<>();
		for (Check check : checks) {
			if (!excluded.contains(check.name())) {
				statuses.add(check.health().getStatus());
			}
		}
		// Spring Boot's groups answer UP when no member is left.
		return statuses.isEmpty() ? Status.UP : aggregator.getAggregateStatus(statuses);
	}

	/**
	 * One check of a verdict.
	 *
	 * @param name the member's name
	 * @param health its health when the verdict was built
	 * @param passed whether its status alone maps to a success code
	 */
	public record Check(String name, Health health, boolean passed) {

	}

}
