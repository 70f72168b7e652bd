package dev.probes.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;

/**
 * One check of a probe as the verdict reads it: from memory, never with I/O.
 */
public interface ProbeMember {

	/**
	 * Return the member's name, as in its health group.
	 * @return the name, such as {@code postgres} or {@code readinessState}
	 */
	String name();

	/**
	 * Return the member's latest health. Called when a verdict is rebuilt, never per
	 * probe; it must not block.
	 * @return the health
	 */
	Health health();

	/**
	 * Return when this member's health will change without anything happening, such as an
	 * up result turning stale, so that the verdict is rebuilt then.
	 * @return the instant, or {@code null} when it only changes on an event
	 */
	default @Nullable Instant changesAt() {
		return null;
	}

}
