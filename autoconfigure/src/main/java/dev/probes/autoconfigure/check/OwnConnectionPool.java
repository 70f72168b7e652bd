package dev.probes.autoconfigure.check;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * A pool of one connection for a {@code jdbc} dependency declared with its own {@code url}:
 * the connection is kept between attempts instead of opened per check.
 */
final class OwnConnectionPool implements AutoCloseable {

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
