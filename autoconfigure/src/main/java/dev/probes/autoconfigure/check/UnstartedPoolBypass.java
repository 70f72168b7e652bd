package dev.probes.autoconfigure.check;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;

/**
 * Lets a check reach the database of an application's HikariCP pool that has not started
 * yet without starting it against a database that is down: HikariCP pauses a whole second
 * after a failed start, which would delay noticing a database that came back by as much.
 * Until the pool runs, each attempt opens one direct connection with the pool's settings;
 * once one succeeds, the pool is started (quickly, the database is up) and used from then on.
 */
final class UnstartedPoolBypass implements DataSource {

	private final HikariDataSource pool;

	private final DriverDataSource direct;

	private UnstartedPoolBypass(HikariDataSource pool, DriverDataSource direct) {
		this.pool = pool;
		this.direct = direct;
	}

	/**
	 * Return a data source for checking the given one: a bypass for a HikariCP pool that is
	 * configured with a JDBC URL and has not started, the data source itself otherwise.
	 * @param dataSource the application's data source
	 * @return the data source to check
	 */
	static DataSource of(DataSource dataSource) {
		try {
			if (!dataSource.isWrapperFor(HikariDataSource.class)) {
				return dataSource;
			}
			HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
			if (pool.isRunning() || pool.getJdbcUrl() == null) {
				return dataSource;
			}
			Properties properties = new Properties();
			properties.putAll(pool.getDataSourceProperties());
			DriverDataSource direct = new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(), properties,
					pool.getUsername(), pool.getPassword());
			return new UnstartedPoolBypass(pool, direct);
		}
		catch (SQLException | RuntimeException ex) {
			return dataSource;
		}
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (this.pool.isRunning()) {
			return this.pool.getConnection();
		}
		try (Connection connection = this.direct.getConnection()) {
			// The database answers: starting the pool now will not pause.
		}
		return this.pool.getConnection();
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
