package dev.probes.check;

import java.time.Duration;

/**
 * Formats durations the way operators read them in logs and details: {@code 12ms},
 * {@code 1.6s}, {@code 2m5s}, {@code 2h13m}.
 */
public final class Durations {

	private Durations() {
	}

	public static String format(Duration duration) {
		if (duration.isNegative()) {
			return "-" + format(duration.negated());
		}
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis < 60_000) {
			long tenths = Math.round(millis / 100.0);
			return (tenths % 10 == 0) ? (tenths / 10) + "s" : (tenths / 10) + "." + (tenths % 10) + "s";
		}
		long seconds = duration.toSeconds();
		if (seconds >= 3600) {
			// Seconds no longer matter to a reader of "was UP for 2h13m".
			long minutes = (seconds % 3600) / 60;
			return (seconds / 3600) + "h" + ((minutes != 0) ? minutes + "m" : "");
		}
		return (seconds / 60) + "m" + ((seconds % 60 != 0) ? (seconds % 60) + "s" : "");
	}

}
