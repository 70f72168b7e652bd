package dev.probes.autoconfigure.check;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.util.DriverDataSource;

/**
 * Lets a check reach the database of its own HikariCP pool while that pool holds no
 * connection (not started yet, or emptied by an outage) by opening one direct connection
 * with the pool's settings first; once one succeeds, the pool is used.
 *
 * <p>
 * Through an empty pool, an attempt would wait the whole timeout while HikariCP retries
 * with a growing backoff: a refused connection or a rejected password would read as
 * {@code timed out} (and a rejected password would not end the start-up wait), a database
 * that came back would be noticed late, and a pool started against a database that is down
 * would pause a second. A direct connection fails with the real reason, at once.
 */
final class EmptyPoolBypass implements DataSource {

	private final HikariDataSource pool;

	private final DriverDataSource direct;

	private EmptyPoolBypass(HikariDataSource pool, DriverDataSource direct) {
		this.pool = pool;
		this.direct = direct;
	}

	/**
	 * Return a data source for checking through the given pool: a bypass when the pool
	 * connects with a JDBC URL and fixed credentials, the pool itself otherwise.
	 * @param pool the check's own pool, started or not
	 * @return the data source to check
	 */
	static DataSource of(HikariDataSource pool) {
		if (pool.getJdbcUrl() == null || pool.getDataSource() != null || pool.getDataSourceClassName() != null
				|| pool.getCredentialsProvider() != null || pool.getCredentialsProviderClassName() != null) {
			// Only the pool knows how to connect (its DataSource, credentials fetched at run
			// time): a direct connection could be refused where the pool's would not.
			return pool;
		}
		try {
			Properties properties = new Properties();
			properties.putAll(pool.getDataSourceProperties());
			DriverDataSource direct = new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(), properties,
					pool.getUsername(), pool.getPassword());
			return new EmptyPoolBypass(pool, direct);
		}
		catch (RuntimeException ex) {
			// No driver for the URL: the pool reports that on first use.
			return pool;
		}
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (holdsConnection()) {
			return this.pool.getConnection();
		}
		try (Connection connection = this.direct.getConnection()) {
			// The database answers: the pool connects at once now.
		}
		return this.pool.getConnection();
	}

	private boolean holdsConnection() {
		HikariPoolMXBean state = this.pool.getHikariPoolMXBean();
		return this.pool.isRunning() && state != null && state.getTotalConnections() > 0;
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.pool.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.pool.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.pool.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return this.pool.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return this.pool.isWrapperFor(type);
	}

}
