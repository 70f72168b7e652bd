package dev.probes.autoconfigure.check;

import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;

import dev.probes.check.CheckResult;
import dev.probes.check.DependencyCheck;
import dev.probes.check.JdbcCheck;

/**
 * Checks the database of an application's HikariCP pool without borrowing from the pool:
 * through one connection of the check's own, made as the pool makes its connections,
 * while the pool's state is only read and shown.
 *
 * <p>
 * Borrowing would make a busy pool look like a down database (every connection in use,
 * the check times out waiting for one) and would have HikariCP validate the application's
 * idle connections on the check's thread, logging a warning for each one an outage has
 * cut.
 */
final class HikariPoolCheck implements DependencyCheck {

	private final HikariDataSource applicationPool;

	private final JdbcCheck database;

	/**
	 * Return a check of a DataSource that is (or wraps) a HikariCP pool.
	 * @param dataSource the application's DataSource
	 * @param name the dependency's name
	 * @param query statement to run, or {@code null} to use {@code Connection.isValid}
	 * @return the check, or {@code null} when the DataSource is no HikariCP pool
	 */
	static @Nullable DependencyCheck of(DataSource dataSource, String name, @Nullable String query) {
		HikariDataSource pool;
		try {
			if (!dataSource.isWrapperFor(HikariDataSource.class)) {
				return null;
			}
			pool = dataSource.unwrap(HikariDataSource.class);
		}
		catch (SQLException ex) {
			return null;
		}
		OwnConnectionPool own = OwnConnectionPool.copyOf(name, pool);
		return new HikariPoolCheck(pool, new JdbcCheck(own.dataSource(), query, own));
	}

	/**
	 * Create a check.
	 * @param applicationPool the application's pool, whose state is shown
	 * @param database the check of the database through the check's own connection,
	 * closed with this check
	 */
	HikariPoolCheck(HikariDataSource applicationPool, JdbcCheck database) {
		this.applicationPool = applicationPool;
		this.database = database;
	}

	@Override
	public CheckResult check(Duration timeout) throws Exception {
		if (this.applicationPool.isClosed()) {
			// The database may answer, but the application can no longer reach it.
			return CheckResult.failure("connection pool is closed", Map.of("pool", "closed"));
		}
		CheckResult result = this.database.check(timeout);
		Map<String, Object> details = new LinkedHashMap<>(poolDetails(this.applicationPool));
		details.putAll(result.details());
		return new CheckResult(result.up(), result.error(), result.permanent(), details);
	}

	/**
	 * Describe a pool: {@code busy} when the application would wait for a connection
	 * (every one in use, or threads waiting already), {@code ok} when one is free or can
	 * be opened.
	 */
	static Map<String, Object> poolDetails(HikariDataSource pool) {
		HikariPoolMXBean state = pool.getHikariPoolMXBean();
		if (state == null) {
			return Map.of("pool", "not started");
		}
		int active = state.getActiveConnections();
		int idle = state.getIdleConnections();
		int waiting = state.getThreadsAwaitingConnection();
		int max = pool.getMaximumPoolSize();
		boolean busy = waiting > 0 || (idle == 0 && active >= max);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("pool", busy ? "busy" : "ok");
		details.put("poolActive", active);
		details.put("poolIdle", idle);
		details.put("poolMax", max);
		details.put("poolWaiting", waiting);
		return details;
	}

	@Override
	public void close() {
		this.database.close();
	}

}
