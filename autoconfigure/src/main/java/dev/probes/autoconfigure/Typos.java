package dev.probes.autoconfigure;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Finds the word a user probably meant by a misspelt one, such as a key or a check type.
 */
final class Typos {

	private static final int MAX_DISTANCE = 3;

	private Typos() {
	}

	/**
	 * Return the candidate closest to the word, or {@code null} when none is within a
	 * typo of it.
	 * @param word what the user wrote
	 * @param candidates the words they may have meant
	 * @return the closest candidate, or {@code null}
	 */
	static @Nullable String closest(String word, Collection<String> candidates) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = distance(word, candidate);
			if (distance <= maxDistance(candidate) && distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/**
	 * Shorter words tolerate fewer edits, so that {@code max} is not offered for any 3
	 * letters.
	 */
	static int maxDistance(String word) {
		return Math.min(MAX_DISTANCE, 1 + word.length() / 5);
	}

	/**
	 * Optimal string alignment distance: how many edits, a swap of neighbours counting as
	 * one, turn one word into the other.
	 */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
