package dev.probes.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one completed (or abandoned) attempt found.
 *
 * @param success whether the dependency answered as expected
 * @param error short reason of a failure, already free of credentials
 * @param permanent whether the failure will not go away by retrying (wrong password)
 * @param details facts the check reported
 * @param finishedAt when the attempt completed or was abandoned
 * @param latency how long it took
 * @param timedOut whether it was abandoned past its timeout
 */
record AttemptOutcome(boolean success, @Nullable String error, boolean permanent, Map<String, Object> details,
		Instant finishedAt, Duration latency, boolean timedOut) {

}
