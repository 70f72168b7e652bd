package dev.probes.check;

import org.jspecify.annotations.Nullable;

/**
 * Releases what a check holds of its own when the application stops.
 */
final class Resources {

	private Resources() {
	}

	/**
	 * Close a resource, ignoring a failure: a client or pool of a stopping application
	 * that will not close cleanly leaves nothing to report to.
	 * @param resource the resource, or {@code null} for none
	 */
	static void closeQuietly(@Nullable AutoCloseable resource) {
		if (resource == null) {
			return;
		}
		try {
			resource.close();
		}
		catch (Exception ex) {
			// Already closed, or its connection is gone: either way it is released.
		}
	}

}
