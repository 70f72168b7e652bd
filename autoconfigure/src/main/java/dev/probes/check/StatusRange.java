package dev.probes.check;

import java.util.ArrayList;
import java.util.List;

/**
 * HTTP status codes that count as up, written as codes and ranges such as {@code 200-399}
 * or {@code 200,204}.
 */
public final class StatusRange {

	private final List<int[]> ranges;

	private final String text;

	private StatusRange(List<int[]> ranges, String text) {
		this.ranges = ranges;
		this.text = text;
	}

	/**
	 * Parse a list of codes and ranges.
	 * @param text for example {@code 200-399} or {@code 200,204,301-302}
	 * @return the parsed range
	 * @throws IllegalArgumentException when the text is not a list of codes from 100 to
	 * 599
	 */
	public static StatusRange parse(String text) {
		List<int[]> ranges = new ArrayList<>();
		for (String part : text.split(",", -1)) {
			String[] bounds = part.strip().split("-", -1);
			if (bounds.length > 2) {
				throw new IllegalArgumentException("'" + part.strip() + "' is not a status code or range");
			}
			int low = parseCode(bounds[0]);
			int high = (bounds.length == 2) ? parseCode(bounds[1]) : low;
			if (low > high) {
				throw new IllegalArgumentException("'" + part.strip() + "' ends before it starts");
			}
			ranges.add(new int[] { low, high });
		}
		return new StatusRange(List.copyOf(ranges), text.strip());
	}

	private static int parseCode(String text) {
		try {
			int code = Integer.parseInt(text.strip());
			if (code >= 100 && code <= 599) {
				return code;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the same message as an out-of-range code
		}
		throw new IllegalArgumentException("'" + text.strip() + "' is not an HTTP status code (100-599)");
	}

	public boolean contains(int status) {
		return this.ranges.stream().anyMatch((range) -> status >= range[0] && status <= range[1]);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
