package dev.probes.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.probes.web.ProbeMember;
import dev.probes.web.ProbeVerdicts;

/**
 * What Actuator's health endpoint calls in place of a probe member: the member's health
 * as of the current verdicts, so that {@code /actuator/health/readiness} and
 * {@code /readyz} agree after every change and neither does any I/O.
 */
final class SnapshotHealthIndicator implements HealthIndicator {

	private final ProbeVerdicts verdicts;

	private final ProbeMember member;

	SnapshotHealthIndicator(ProbeVerdicts verdicts, ProbeMember member) {
		this.verdicts = verdicts;
		this.member = member;
	}

	@Override
	public Health health() {
		Health health = this.verdicts.health(this.member.name());
		// Before the verdicts are bound, read the member itself: it reads memory too.
		return (health != null) ? health : this.member.health();
	}

}
