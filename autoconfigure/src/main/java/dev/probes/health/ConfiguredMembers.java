package dev.probes.health;

import java.util.List;

/**
 * The members a user named for a probe group ({@code include} and {@code exclude} under
 * {@code management.endpoint.health.group.<name>}), as opposed to those Spring Boot implies.
 *
 * <p>
 * Spring Boot defines a group with {@code include=*} as soon as any of its keys is set, even
 * only {@code show-details}; Probes widens a probe group only on an explicit {@code include}.
 *
 * @param include the names listed in {@code include}, empty when it is not set
 * @param exclude the names listed in {@code exclude}
 */
public record ConfiguredMembers(List<String> include, List<String> exclude) {

	public ConfiguredMembers {
		include = List.copyOf(include);
		exclude = List.copyOf(exclude);
	}

	/** Nothing named. */
	public static ConfiguredMembers none() {
		return new ConfiguredMembers(List.of(), List.of());
	}

	boolean hasInclude() {
		return !this.include.isEmpty();
	}

}
