package dev.probes.check;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Turns an exception into the short reason shown in health details and logs, such as
 * {@code connection refused}.
 *
 * <p>
 * Network causes are recognised anywhere in the cause chain, because drivers wrap them
 * (a {@code PSQLException} around a {@code ConnectException}). Any other message is cut
 * to its first line and stripped of URL user info and {@code password=} parameters, since
 * drivers like to echo the URL they were given.
 */
public final class FailureDescriptions {

	private static final int MAX_LENGTH = 200;

	private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

	private static final Pattern SECRET_PARAMETER = Pattern
		.compile("(?i)((?:password|passwd|pwd|token|secret|apikey|api-key|access_token)=)[^&;\\s,)]+");

	private FailureDescriptions() {
	}

	/**
	 * Describe the failure in a few words.
	 * @param failure what the check threw
	 * @return a short, single-line reason
	 */
	public static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String known = describeKnown(cause);
			if (known != null) {
				return known;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return scrub(messageOf(failure));
	}

	/**
	 * Remove URL user info and secret-looking parameters, keep the first line, and cap the
	 * length.
	 * @param text any text that may echo a URL
	 * @return the text, safe to show
	 */
	public static String scrub(String text) {
		String firstLine = text.lines().findFirst().orElse("").strip();
		String scrubbed = SECRET_PARAMETER.matcher(URL_USER_INFO.matcher(firstLine).replaceAll("******@"))
			.replaceAll("$1******");
		return (scrubbed.length() <= MAX_LENGTH) ? scrubbed : scrubbed.substring(0, MAX_LENGTH) + "...";
	}

	private static String describeKnown(Throwable cause) {
		if (cause instanceof ConnectException) {
			return (cause.getMessage() != null && cause.getMessage().toLowerCase().contains("timed out"))
					? "connect timed out" : "connection refused";
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return "connect timed out";
		}
		if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
				|| cause instanceof TimeoutException || cause instanceof SQLTimeoutException) {
			return "timed out";
		}
		if (cause instanceof UnknownHostException) {
			return "unknown host " + scrub(String.valueOf(cause.getMessage()));
		}
		if (cause instanceof NoRouteToHostException) {
			return "no route to host";
		}
		if (cause instanceof EOFException) {
			return "connection closed";
		}
		if (cause instanceof InterruptedException || cause instanceof InterruptedIOException) {
			return "interrupted";
		}
		if (cause instanceof SocketException && cause.getMessage() != null) {
			String message = cause.getMessage().toLowerCase();
			if (message.contains("reset")) {
				return "connection reset";
			}
			if (message.contains("closed") || message.contains("broken pipe")) {
				return "connection closed";
			}
		}
		return null;
	}

	private static String messageOf(Throwable failure) {
		String message = failure.getMessage();
		return (message != null && !message.isBlank()) ? message : failure.getClass().getSimpleName();
	}

}
