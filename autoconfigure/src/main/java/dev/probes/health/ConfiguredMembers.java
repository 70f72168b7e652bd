package dev.probes.health;

import java.util.List;

/**
 * The members a user named for a probe group ({@code include} and {@code exclude} under
 * {@code management.endpoint.health.group.<name>}), as opposed to those Spring Boot
 * implies.
 *
 * <p>
 * Spring Boot defines a group with {@code include=*} as soon as any of its keys is set,
 * even only {@code show-details}; Probes widens a probe group only on an explicit
 * {@code include}.
 *
 * <p>
 * Whether the group is configured at all matters too: a group the user left alone is one
 * that Spring Boot's availability probes define, which never shows components or details
 * whatever the global {@code show-details} says; Probes then takes those settings from
 * the health endpoint itself, as every configured group does.
 *
 * @param include the names listed in {@code include}, empty when it is not set
 * @param exclude the names listed in {@code exclude}
 * @param configured whether any key of the group is set
 */
public record ConfiguredMembers(List<String> include, List<String> exclude, boolean configured) {

	public ConfiguredMembers {
		include = List.copyOf(include);
		exclude = List.copyOf(exclude);
	}

	/** Nothing configured. */
	public static ConfiguredMembers none() {
		return new ConfiguredMembers(List.of(), List.of(), false);
	}

	boolean hasInclude() {
		return !this.include.isEmpty();
	}

}
