package dev.probes.autoconfigure.check;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * A pool of one connection for a {@code jdbc} dependency declared with its own {@code url}:
 * the connection is kept between attempts instead of opened per check.
 *
 * <p>
 * HikariCP opens connections on one thread of its own. Against a database that accepts the
 * connection and never answers, that thread was seen blocked for good in the PostgreSQL
 * driver's read of the login answer (the driver has no read timeout by default): the pool
 * could open no other connection, and the dependency would stay down long after the database
 * is back. The PostgreSQL driver's connects and reads are therefore bounded by the check's
 * timeout, unless the URL sets them. The MariaDB driver gives up on its own.
 */
final class OwnConnectionPool implements AutoCloseable {

	private static final String POSTGRESQL = "jdbc:postgresql:";

	private final HikariDataSource dataSource;

	private OwnConnectionPool(HikariDataSource dataSource) {
		this.dataSource = dataSource;
	}

	static OwnConnectionPool create(String name, String url, @Nullable String username, @Nullable String password,
			Duration timeout) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("probes-" + name);
		dataSource.setJdbcUrl(url);
		dataSource.setUsername(username);
		dataSource.setPassword(password);
		dataSource.setMaximumPoolSize(1);
		dataSource.setMinimumIdle(0);
		dataSource.setConnectionTimeout(timeout.toMillis());
		dataSource.setValidationTimeout(timeout.toMillis());
		// Start even when the database is down: reporting that is the check's job.
		dataSource.setInitializationFailTimeout(-1);
		if (url.startsWith(POSTGRESQL)) {
			// Whole seconds, rounded up: 0 would mean no timeout. Parameters in the URL win.
			String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
			dataSource.addDataSourceProperty("connectTimeout", seconds);
			dataSource.addDataSourceProperty("socketTimeout", seconds);
		}
		return new OwnConnectionPool(dataSource);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
