package dev.probes.check;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureDescriptions}.
 */
class FailureDescriptionsTests {

	@Test
	void describeWhenConnectExceptionReturnsConnectionRefused() {
		assertThat(FailureDescriptions.describe(new ConnectException("Connection refused")))
			.isEqualTo("connection refused");
	}

	@Test
	void describeWhenConnectExceptionHasNoMessageReturnsConnectionRefused() {
		assertThat(FailureDescriptions.describe(new ConnectException())).isEqualTo("connection refused");
	}

	@Test
	void describeWhenConnectExceptionTimedOutReturnsConnectTimedOut() {
		assertThat(FailureDescriptions.describe(new ConnectException("Connection timed out")))
			.isEqualTo("connect timed out");
	}

	@Test
	void describeWhenDriverWrapsConnectExceptionReturnsConnectionRefused() {
		SQLException failure = new SQLException(
				"Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct",
				new ConnectException("Connection refused"));
		assertThat(FailureDescriptions.describe(failure)).isEqualTo("connection refused");
	}

	@Test
	void describeWhenPoolWrapsDriverWrappingConnectExceptionReturnsConnectionRefused() {
		SQLException failure = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 250ms",
				new SQLException("Socket fail to connect to jdbc:mariadb://app:s3cr3t@db:3306/app",
						new ConnectException("Connection refused")));
		assertThat(FailureDescriptions.describe(failure)).isEqualTo("connection refused");
	}

	@Test
	void describeWhenCauseIsNetworkFailureIgnoresOuterMessage() {
		UncheckedIOException failure = new UncheckedIOException("GET http://app:s3cr3t@payments/readyz failed",
				new IOException("wrapped", new SocketTimeoutException("Read timed out")));
		assertThat(FailureDescriptions.describe(failure)).isEqualTo("timed out");
	}

	@Test
	void describeWhenTimeoutReturnsTimedOut() {
		assertThat(FailureDescriptions.describe(new SocketTimeoutException("Read timed out"))).isEqualTo("timed out");
		assertThat(FailureDescriptions.describe(new HttpTimeoutException("request timed out"))).isEqualTo("timed out");
		assertThat(FailureDescriptions.describe(new TimeoutException())).isEqualTo("timed out");
		assertThat(FailureDescriptions.describe(new SQLTimeoutException("Query timed out"))).isEqualTo("timed out");
	}

	@Test
	void describeWhenHttpConnectTimeoutReturnsConnectTimedOut() {
		assertThat(FailureDescriptions.describe(new HttpConnectTimeoutException("HTTP connect timed out")))
			.isEqualTo("connect timed out");
	}

	@Test
	void describeWhenUnknownHostReturnsUnknownHostWithName() {
		assertThat(FailureDescriptions.describe(new UnknownHostException("db.invalid")))
			.isEqualTo("unknown host db.invalid");
	}

	@Test
	void describeWhenNoRouteToHostReturnsNoRouteToHost() {
		assertThat(FailureDescriptions.describe(new NoRouteToHostException("No route to host")))
			.isEqualTo("no route to host");
	}

	@Test
	void describeWhenConnectionResetReturnsConnectionReset() {
		assertThat(FailureDescriptions.describe(new SocketException("Connection reset"))).isEqualTo("connection reset");
	}

	@Test
	void describeWhenSocketClosedOrPipeBrokenReturnsConnectionClosed() {
		assertThat(FailureDescriptions.describe(new SocketException("Socket closed"))).isEqualTo("connection closed");
		assertThat(FailureDescriptions.describe(new SocketException("Broken pipe"))).isEqualTo("connection closed");
		assertThat(FailureDescriptions.describe(new EOFException())).isEqualTo("connection closed");
	}

	@Test
	void describeWhenInterruptedReturnsInterrupted() {
		assertThat(FailureDescriptions.describe(new InterruptedException())).isEqualTo("interrupted");
		assertThat(FailureDescriptions.describe(new InterruptedIOException())).isEqualTo("interrupted");
	}

	@Test
	void describeWhenUnknownFailureReturnsItsMessage() {
		assertThat(FailureDescriptions.describe(new SQLException("FATAL: database \"app\" does not exist")))
			.isEqualTo("FATAL: database \"app\" does not exist");
	}

	@Test
	void describeWhenMessageIsBlankReturnsExceptionName() {
		assertThat(FailureDescriptions.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
		assertThat(FailureDescriptions.describe(new IllegalStateException(" "))).isEqualTo("IllegalStateException");
	}

	@Test
	void describeWhenMessageHasUrlUserInfoMasksIt() {
		SQLException failure = new SQLException("Cannot connect to jdbc:postgresql://app:s3cr3t@db:5432/app");
		assertThat(FailureDescriptions.describe(failure))
			.isEqualTo("Cannot connect to jdbc:postgresql://******@db:5432/app");
	}

	@Test
	void describeWhenMessageHasPasswordParameterMasksIt() {
		SQLException failure = new SQLException("Bad URL jdbc:mariadb://db:3306/app?user=app&password=s3cr3t&ssl=true");
		assertThat(FailureDescriptions.describe(failure))
			.isEqualTo("Bad URL jdbc:mariadb://db:3306/app?user=app&password=******&ssl=true");
	}

	@Test
	void describeWhenMessageHasPasswordParameterAfterSemicolonMasksIt() {
		SQLException failure = new SQLException("Login failed: jdbc:sqlserver://db;user=app;Password=s3cr3t;db=app");
		assertThat(FailureDescriptions.describe(failure))
			.isEqualTo("Login failed: jdbc:sqlserver://db;user=app;Password=******;db=app");
	}

	@Test
	void describeWhenMessageHasTokenParametersMasksThem() {
		IOException failure = new IOException("GET https://api/v1?access_token=abc123&apikey=def456&page=2 failed");
		assertThat(FailureDescriptions.describe(failure))
			.isEqualTo("GET https://api/v1?access_token=******&apikey=******&page=2 failed");
	}

	@Test
	void describeWhenMessageHasSeveralLinesKeepsFirst() {
		SQLException failure = new SQLException("  Access denied for user 'app'\n  at line 2\n  at line 3");
		assertThat(FailureDescriptions.describe(failure)).isEqualTo("Access denied for user 'app'");
	}

	@Test
	void describeWhenMessageIsLongCapsLength() {
		String description = FailureDescriptions.describe(new IllegalStateException("x".repeat(500)));
		assertThat(description).isEqualTo("x".repeat(200) + "...");
	}

	@Test
	void scrubWhenTextIsSafeReturnsItUnchanged() {
		assertThat(Redactor.scrub("HTTP 503 from http://payments:8080/readyz"))
			.isEqualTo("HTTP 503 from http://payments:8080/readyz");
	}

	@Test
	void scrubWhenTextHasSeveralUrlsMasksEveryUserInfo() {
		assertThat(Redactor.scrub("tried redis://:s3cr3t@cache:6379 and amqp://guest:guest@mq:5672"))
			.isEqualTo("tried redis://******@cache:6379 and amqp://******@mq:5672");
	}

	@Test
	void describeWhenCauseChainIsCyclicStillReturns() {
		SQLException outer = new SQLException("pool gave up");
		SQLException inner = new SQLException("driver failed", outer);
		outer.initCause(inner);
		assertThat(FailureDescriptions.describe(outer)).isEqualTo("driver failed");
	}

	@Test
	void describeWhenPoolWrapsDriverErrorReturnsDriverMessage() {
		SQLException driver = new SQLException("FATAL: password authentication failed for user \"app\"");
		SQLTransientConnectionException pool = new SQLTransientConnectionException(
				"HikariPool-1 - Connection is not available, request timed out after 251ms", driver);
		assertThat(FailureDescriptions.describe(pool))
			.isEqualTo("FATAL: password authentication failed for user \"app\"");
	}

	@Test
	void describeWhenHostUnresolvedInsideConnectExceptionReturnsUnknownHost() {
		ConnectException failure = new ConnectException();
		failure.initCause(new java.nio.channels.UnresolvedAddressException());
		assertThat(FailureDescriptions.describe(failure)).isEqualTo("unknown host");
	}

	@Test
	void describeWhenUnknownHostCarriesUserInfoKeepsOnlyHost() {
		assertThat(FailureDescriptions
			.describe(new UnknownHostException("app:s3cr3t@db.internal: Name or service not known")))
			.isEqualTo("unknown host db.internal");
	}

	@Test
	void describeWhenUnknownHostHasNoMessageSaysSo() {
		assertThat(FailureDescriptions.describe(new UnknownHostException())).isEqualTo("unknown host");
	}

	@Test
	void describeWhenSecretCrossesLengthLimitMasksItBeforeCutting() {
		String secret = "s3cr3t-pass-phrase";
		String message = "x".repeat(195) + secret + " and more";
		String described = FailureDescriptions.describe(new SQLException(message),
				Redactor.of(java.util.List.of(secret)));
		assertThat(described).doesNotContain("s3cr");
	}

	@Test
	void scrubWhenUserInfoContainsAtSignMasksAllOfIt() {
		assertThat(Redactor.scrub("GET http://user:p@ss@host/x failed")).isEqualTo("GET http://******@host/x failed");
	}

}
