package dev.probes.check;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Turns an exception into the short reason shown in health details and logs, such as
 * {@code connection refused}.
 *
 * <p>
 * Network causes are recognised anywhere in the cause chain, because drivers wrap them (a
 * {@code PSQLException} around a {@code ConnectException}). Any other message is made
 * safe to show by the {@link Redactor}, since drivers like to echo the URL they were
 * given.
 */
public final class FailureDescriptions {

	private FailureDescriptions() {
	}

	/**
	 * Describe the failure in a few words.
	 * @param failure what the check threw
	 * @return a short, single-line reason
	 */
	public static String describe(Throwable failure) {
		return describe(failure, Redactor.none());
	}

	/**
	 * Describe the failure in a few words, with the dependency's secrets masked.
	 * @param failure what the check threw
	 * @param redactor masks the dependency's secrets
	 * @return a short, single-line reason
	 */
	public static String describe(Throwable failure, Redactor redactor) {
		Throwable deepestWithMessage = null;
		boolean connectFailed = false;
		for (Throwable cause : causeChain(failure)) {
			String known = describeKnown(cause);
			if (known != null) {
				return redactor.safe(known);
			}
			connectFailed |= cause instanceof ConnectException;
			if (hasMessage(cause)) {
				deepestWithMessage = cause;
			}
		}
		if (connectFailed) {
			// What the JDK's HTTP client reports for a refused connect: no message, a
			// closed channel.
			return "connection refused";
		}
		// The innermost message is the driver's own ("password authentication failed"),
		// where the outer ones are a pool's or a framework's wrapping.
		Throwable described = (deepestWithMessage != null) ? deepestWithMessage : failure;
		return redactor.safe(hasMessage(described) ? described.getMessage() : described.getClass().getSimpleName());
	}

	/**
	 * Return a failure and its causes, outermost first, each once even in a cyclic chain.
	 * @param failure the failure
	 * @return the chain
	 */
	static List<Throwable> causeChain(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	private static @Nullable String describeKnown(Throwable cause) {
		String message = hasMessage(cause) ? cause.getMessage().toLowerCase(Locale.ROOT) : "";
		if (cause instanceof ConnectException) {
			if (message.contains("refused")) {
				return "connection refused";
			}
			if (message.contains("timed out")) {
				return "connect timed out";
			}
			if (message.contains("unreachable")) {
				return message.contains("network") ? "network unreachable" : "host unreachable";
			}
			// The JDK's HTTP client wraps the real reason: look further down.
			return null;
		}
		if (cause instanceof UnresolvedAddressException) {
			return "unknown host";
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return "connect timed out";
		}
		if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
				|| cause instanceof TimeoutException || cause instanceof SQLTimeoutException) {
			return "timed out";
		}
		if (cause instanceof UnknownHostException) {
			return hasMessage(cause) ? "unknown host " + hostOf(cause.getMessage()) : "unknown host";
		}
		if (cause instanceof PortUnreachableException) {
			// A UDP peer (a DNS server) with nothing listening: the datagram kind of
			// refused.
			return "connection refused";
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
		if (cause instanceof SocketException) {
			if (message.contains("reset")) {
				return "connection reset";
			}
			if (message.contains("closed") || message.contains("broken pipe")) {
				return "connection closed";
			}
		}
		return null;
	}

	/**
	 * Return the host named in an unknown-host message, without user info that a driver
	 * may have taken for part of the host ({@code user:secret@db}).
	 */
	private static String hostOf(String message) {
		String host = message.strip();
		int space = host.indexOf(' ');
		host = (space > 0) ? host.substring(0, space) : host;
		if (host.endsWith(":")) {
			host = host.substring(0, host.length() - 1);
		}
		int at = host.lastIndexOf('@');
		return (at >= 0) ? host.substring(at + 1) : host;
	}

	private static boolean hasMessage(Throwable throwable) {
		return throwable.getMessage() != null && !throwable.getMessage().isBlank();
	}

}
