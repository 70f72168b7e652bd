package dev.probes.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.probes.check.CheckResult;
import dev.probes.check.DependencyCheck;

/**
 * The {@code health} check type: calls an existing Spring Boot health contributor (Boot's
 * {@code db}, a user's {@code HealthIndicator}) in the background engine, with the
 * engine's timeout and thresholds, so that no probe ever calls it on a request thread.
 *
 * <p>
 * The contributor is bound once the context knows it; until then an attempt fails. A
 * composite contributor counts as one check, its status aggregated from its parts.
 */
public final class ContributorCheck implements DependencyCheck {

	private final String contributorName;

	private volatile @Nullable HealthContributor contributor;

	private volatile @Nullable Health latest;

	private volatile @Nullable Health latestUp;

	/**
	 * Create a check that is not bound to its contributor yet.
	 * @param contributorName the contributor's name in the health registry
	 */
	public ContributorCheck(String contributorName) {
		this.contributorName = contributorName;
	}

	ContributorCheck(String contributorName, HealthContributor contributor) {
		this(contributorName);
		this.contributor = contributor;
	}

	public String contributorName() {
		return this.contributorName;
	}

	void bind(HealthContributor contributor) {
		this.contributor = contributor;
	}

	boolean isBound() {
		return this.contributor != null;
	}

	@Override
	public CheckResult check(Duration timeout) {
		HealthContributor contributor = this.contributor;
		this.latest = null;
		if (contributor == null) {
			return CheckResult.failure("health contributor '" + this.contributorName + "' is not available yet");
		}
		Health health = health(contributor);
		this.latest = health;
		if (isUp(health.getStatus())) {
			this.latestUp = health;
			return CheckResult.success();
		}
		Object error = health.getDetails().get("error");
		return CheckResult.failure((error != null) ? error.toString() : "status " + health.getStatus().getCode());
	}

	/**
	 * Return the health that the latest attempt returned.
	 * @return the health, or {@code null} when the latest attempt has not returned (it is
	 * running, timed out or failed with an exception)
	 */
	@Nullable Health latest() {
		return this.latest;
	}

	/**
	 * Return the health of the latest successful attempt.
	 * @return the health, or {@code null} before the first
	 */
	@Nullable Health latestUp() {
		return this.latestUp;
	}

	/**
	 * Return whether a status counts as up: anything but {@code DOWN} and
	 * {@code OUT_OF_SERVICE}, as in Spring Boot's default HTTP mapping.
	 * @param status the status
	 * @return whether it counts as up
	 */
	static boolean isUp(Status status) {
		return !Status.DOWN.equals(status) && !Status.OUT_OF_SERVICE.equals(status);
	}

	private static Health health(HealthContributor contributor) {
		if (contributor instanceof HealthIndicator indicator) {
			Health health = indicator.health();
			return (health != null) ? health : Health.unknown().build();
		}
		Map<String, Object> parts = new LinkedHashMap<>();
		Set<Status> statuses = new LinkedHashSet<>();
		for (HealthContributors.Entry entry : (CompositeHealthContributor) contributor) {
			Health part = health(entry.contributor());
			statuses.add(part.getStatus());
			Map<String, Object> shown = new LinkedHashMap<>();
			shown.put("status", part.getStatus().getCode());
			if (!part.getDetails().isEmpty()) {
				shown.put("details", part.getDetails());
			}
			parts.put(entry.name(), shown);
		}
		Status status = statuses.isEmpty() ? Status.UNKNOWN
				: StatusAggregator.getDefault().getAggregateStatus(statuses);
		return Health.status(status).withDetails(parts).build();
	}

}
