package dev.probes.autoconfigure.check;

import java.net.InetSocketAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host and port that the start-up wait watches, read from JDBC URLs of the usual
 * drivers.
 */
class JdbcAddressesTests {

	@ParameterizedTest
	@CsvSource({ "jdbc:postgresql://db:5433/app, db, 5433", "jdbc:postgresql://db/app, db, 5432",
			"'jdbc:postgresql://db-0.db:5432,db-1.db:5432/app?targetServerType=primary', db-0.db, 5432",
			"jdbc:mariadb://127.0.0.1/test, 127.0.0.1, 3306", "jdbc:mysql://mysql:3307/shop?useSSL=false, mysql, 3307",
			"jdbc:sqlserver://sql:1434;databaseName=app, sql, 1434", "jdbc:oracle:thin:@//ora:1522/svc, ora, 1522",
			"'jdbc:postgresql://[::1]:5432/app', ::1, 5432" })
	void jdbcAddressReadsHostAndPort(String url, String host, int port) {
		assertThat(JdbcAddresses.of(url)).isEqualTo(InetSocketAddress.createUnresolved(host, port));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:h2:mem:test", "jdbc:sqlite:app.db", "jdbc:unknown://host/db", "not a url" })
	void jdbcAddressIsNullWithoutANetworkAddress(String url) {
		assertThat(JdbcAddresses.of(url)).isNull();
	}

}
