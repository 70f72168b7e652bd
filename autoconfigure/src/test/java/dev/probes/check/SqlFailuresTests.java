package dev.probes.check;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which SQL failures end a start-up wait at once: a rejected login or a missing database,
 * as drivers and pools report them.
 */
class SqlFailuresTests {

	@Test
	void isPermanentWhenLoginRejectedOrDatabaseMissing() {
		assertThat(SqlFailures.isPermanent(new SQLException("password authentication failed", "28P01"))).isTrue();
		assertThat(SqlFailures.isPermanent(new SQLException("database \"x\" does not exist", "3D000"))).isTrue();
		assertThat(SqlFailures.isPermanent(new SQLException("Access denied", "28000", 1045))).isTrue();
		assertThat(SqlFailures.isPermanent(new SQLException("Unknown database 'x'", "42000", 1049))).isTrue();
		assertThat(SqlFailures.isPermanent(
				new SQLTransientConnectionException("pool gave up", new SQLException("login failed", "28000"))))
			.isTrue();
	}

	@Test
	void isPermanentWhenConnectionFailsIsFalse() {
		assertThat(SqlFailures.isPermanent(new SQLException("Connection refused", "08001", new ConnectException())))
			.isFalse();
		assertThat(SqlFailures.isPermanent(new ConnectException("Connection refused"))).isFalse();
	}

}
