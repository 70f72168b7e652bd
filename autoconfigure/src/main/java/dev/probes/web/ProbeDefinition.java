package dev.probes.web;

import java.util.List;

import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * What one probe is made of: its members and the rules of its Actuator health group, so
 * that the probe and the group always reach the same answer.
 *
 * @param probe the probe
 * @param members its members, in the order the verbose answer lists them
 * @param statusAggregator the group's status aggregation
 * @param httpCodeStatusMapper the group's mapping from status to HTTP code
 * @param showComponents whether unauthenticated JSON answers list the members
 * @param showDetails whether unauthenticated JSON answers show the members' details
 */
public record ProbeDefinition(Probe probe, List<ProbeMember> members, StatusAggregator statusAggregator,
		HttpCodeStatusMapper httpCodeStatusMapper, boolean showComponents, boolean showDetails) {

	public ProbeDefinition {
		members = List.copyOf(members);
	}

}
