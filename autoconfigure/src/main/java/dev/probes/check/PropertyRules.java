package dev.probes.check;

import java.time.Duration;

/**
 * The rules that values of {@code probes.*} properties share, each with one wording: a
 * positive duration, a count of at least one, a fraction. Every check of a property goes
 * through here, so that the same mistake reads the same wherever it is made.
 */
public final class PropertyRules {

	private PropertyRules() {
	}

	/**
	 * Require a positive duration.
	 * @param property the full property name
	 * @param value its value
	 * @param examples durations to suggest, such as {@code 500ms or 10s}
	 * @return the value
	 */
	public static Duration positive(String property, Duration value, String examples) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidPropertyException(property, Durations.format(value) + " is not a positive duration",
					"Set '" + property + "' to a positive duration such as " + examples + ".");
		}
		return value;
	}

	/**
	 * Require a count of at least one.
	 * @param property the full property name
	 * @param value its value
	 * @param counted what is counted, such as {@code consecutive attempts}
	 * @return the value
	 */
	public static int atLeastOne(String property, int value, String counted) {
		if (value < 1) {
			throw new InvalidPropertyException(property, value + " is less than 1",
					"Set '" + property + "' to 1 or more " + counted + ".");
		}
		return value;
	}

	/**
	 * Require a fraction from 0 to 1.
	 * @param property the full property name
	 * @param value its value
	 * @param suggestion what to set instead, such as {@code a fraction such as 0.1}
	 * @return the value
	 */
	public static double fraction(String property, double value, String suggestion) {
		if (value < 0 || value > 1) {
			throw new InvalidPropertyException(property, value + " is not between 0 and 1",
					"Set '" + property + "' to " + suggestion + ".");
		}
		return value;
	}

}
