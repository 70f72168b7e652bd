package dev.probes.autoconfigure.check;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.DriverDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Lets a check reach the database of its own HikariCP pool while that pool holds no
 * connection (not started yet, or emptied by an outage) by opening one direct connection
 * with the pool's settings first.
 *
 * <p>
 * Through an empty pool, an attempt would wait while HikariCP retries with a growing
 * backoff: a refused connection or a rejected password would read as {@code timed out}
 * (and a rejected password would not end the start-up wait), and a database that came
 * back would be noticed late. A direct connection fails with the real reason, at once.
 * Once one succeeds, the pool is asked for its connection, but only briefly: its single
 * connection adder may still be busy with a connect begun during the outage (a slow
 * database holds it for as long as its login takes), and the direct connection, just
 * made, is as good an answer for this attempt. The pool's connection serves the next
 * attempts.
 */
final class EmptyPoolBypass implements DataSource {

	/**
	 * How long an attempt waits for the pool after a direct connection succeeded: enough
	 * for the pool's idle connection adder to take up the request, not for a busy one to
	 * finish.
	 */
	private static final Duration PROMPT_BORROW = Duration.ofMillis(50);

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
			// Only the pool knows how to connect (its DataSource, credentials fetched at
			// run
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
		HikariPoolMXBean state = this.pool.getHikariPoolMXBean();
		if (state != null && state.getTotalConnections() > 0) {
			return this.pool.getConnection();
		}
		Connection direct = this.direct.getConnection();
		if (!(state instanceof HikariPool started)) {
			// The database answers, and a pool that starts now connects at once.
			direct.close();
			return this.pool.getConnection();
		}
		Connection pooled;
		try {
			pooled = borrowPromptly(started);
		}
		catch (RuntimeException ex) {
			direct.close();
			throw ex;
		}
		if (pooled == null) {
			return direct;
		}
		direct.close();
		return pooled;
	}

	/**
	 * Borrow from a pool if it has a connection within {@link #PROMPT_BORROW}; waiting
	 * that long also has it open one for the next attempt.
	 */
	private static @Nullable Connection borrowPromptly(HikariPool pool) {
		try {
			return pool.getConnection(PROMPT_BORROW.toMillis());
		}
		catch (SQLException ex) {
			return null;
		}
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
