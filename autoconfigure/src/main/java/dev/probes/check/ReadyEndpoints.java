package dev.probes.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Counts the ready endpoints of a Service in the Kubernetes API's answers, each endpoint
 * once.
 *
 * <p>
 * In EndpointSlices, an endpoint is ready when its {@code conditions.ready} is true or
 * absent, which the API says to read as ready. An endpoint is one pod (its
 * {@code targetRef}), or its addresses where it has no {@code targetRef}: the
 * EndpointSlice API allows the same endpoint in more than one slice while the controller
 * moves it, and a dual-stack Service has one slice per address family, each listing the
 * same pods. So the ready endpoints are counted per address family ({@code addressType}),
 * each distinct one once, and the largest family's count is the Service's: a pod
 * reachable over IPv4 and IPv6 counts once, and a single-stack Service's count is that of
 * its only family.
 *
 * <p>
 * In core v1 Endpoints, the ready endpoints are the {@code addresses} of its subsets
 * (never the {@code notReadyAddresses}), each distinct one once: a pod appears in more
 * than one subset when its ports differ.
 */
final class ReadyEndpoints {

	private ReadyEndpoints() {
	}

	/**
	 * Count the ready endpoints in an {@code EndpointSliceList}.
	 * @param list the list, as read from JSON
	 * @return the count, and how many slices there were
	 * @throws IllegalArgumentException when the list is not shaped as the API defines it
	 */
	static Count inEndpointSlices(@Nullable Object list) {
		List<?> slices = listOf(field(objectOf(list, "EndpointSliceList"), "items"), "items");
		Map<String, Set<String>> readyByFamily = new HashMap<>();
		for (Object item : slices) {
			Map<?, ?> slice = objectOf(item, "EndpointSlice");
			Object addressType = field(slice, "addressType");
			Set<String> ready = readyByFamily.computeIfAbsent(String.valueOf(addressType), (family) -> new HashSet<>());
			for (Object element : listOf(field(slice, "endpoints"), "endpoints")) {
				Map<?, ?> endpoint = objectOf(element, "endpoint");
				if (isReady(endpoint)) {
					ready.add(identity(endpoint, "addresses"));
				}
			}
		}
		int largest = readyByFamily.values().stream().mapToInt(Set::size).max().orElse(0);
		return new Count(largest, slices.size());
	}

	/**
	 * Count the ready addresses of a core v1 {@code Endpoints} object.
	 * @param endpoints the object, as read from JSON
	 * @return the count, with one "slice" for the object
	 * @throws IllegalArgumentException when the object is not shaped as the API defines
	 * it
	 */
	static Count inEndpoints(@Nullable Object endpoints) {
		Set<String> ready = new HashSet<>();
		for (Object element : listOf(field(objectOf(endpoints, "Endpoints"), "subsets"), "subsets")) {
			Map<?, ?> subset = objectOf(element, "subset");
			for (Object address : listOf(field(subset, "addresses"), "addresses")) {
				ready.add(identity(objectOf(address, "address"), "ip"));
			}
		}
		return new Count(ready.size(), 1);
	}

	private static boolean isReady(Map<?, ?> endpoint) {
		Object conditions = field(endpoint, "conditions");
		if (conditions == null) {
			return true;
		}
		Object ready = field(objectOf(conditions, "conditions"), "ready");
		return ready == null || Boolean.TRUE.equals(ready);
	}

	/**
	 * The pod behind an endpoint, or its addresses when it names none (a slice or an
	 * Endpoints object that something other than the controller wrote).
	 */
	private static String identity(Map<?, ?> endpoint, String addressesKey) {
		Object targetRef = field(endpoint, "targetRef");
		if (targetRef != null) {
			Map<?, ?> target = objectOf(targetRef, "targetRef");
			Object uid = field(target, "uid");
			if (uid != null) {
				return "uid:" + uid;
			}
			return "ref:" + field(target, "kind") + "/" + field(target, "namespace") + "/" + field(target, "name");
		}
		return "address:" + field(endpoint, addressesKey);
	}

	private static @Nullable Object field(Map<?, ?> object, String name) {
		return object.get(name);
	}

	private static Map<?, ?> objectOf(@Nullable Object value, String what) {
		if (value instanceof Map<?, ?> object) {
			return object;
		}
		throw new IllegalArgumentException("unexpected answer: " + what + " is not an object");
	}

	/** A list, where an absent or null one is empty, as the API omits empty lists. */
	private static List<?> listOf(@Nullable Object value, String what) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> list) {
			return list;
		}
		throw new IllegalArgumentException("unexpected answer: " + what + " is not a list");
	}

	/**
	 * Ready endpoints counted in an answer.
	 *
	 * @param ready the ready endpoints, each once
	 * @param sources the EndpointSlices (or Endpoints objects) they were counted in
	 */
	record Count(int ready, int sources) {

	}

}
