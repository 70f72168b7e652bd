package dev.probes.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Checks a database by borrowing a connection from a {@link DataSource} and validating
 * it, with {@link Connection#isValid(int)} or with a query.
 *
 * <p>
 * Borrowing from an application's pool opens no connection of its own, but it waits like
 * any borrower: with every connection in use, the attempt times out although the database
 * answers. Give it a pool of its own where that matters (the auto-configuration does so
 * for HikariCP).
 */
public final class JdbcCheck implements DependencyCheck {

	private final DataSource dataSource;

	private final @Nullable String query;

	private final @Nullable AutoCloseable ownedResource;

	/**
	 * Create a check.
	 * @param dataSource where connections come from
	 * @param query statement to run, or {@code null} to use
	 * {@link Connection#isValid(int)}
	 * @param ownedResource the check's own pool, closed with the check; {@code null} when
	 * the data source belongs to the application
	 */
	public JdbcCheck(DataSource dataSource, @Nullable String query, @Nullable AutoCloseable ownedResource) {
		this.dataSource = dataSource;
		this.query = query;
		this.ownedResource = ownedResource;
	}

	@Override
	public CheckResult check(Duration timeout) throws SQLException {
		try {
			return query(Timeouts.seconds(timeout));
		}
		catch (SQLException ex) {
			if (SqlFailures.isPermanent(ex)) {
				return CheckResult.permanentFailure(FailureDescriptions.describe(ex), Map.of());
			}
			throw ex;
		}
	}

	private CheckResult query(int seconds) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			if (this.query == null) {
				return connection.isValid(seconds) ? CheckResult.success()
						: CheckResult.failure("connection is not valid");
			}
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout(seconds);
				statement.execute(this.query);
			}
			return CheckResult.success();
		}
	}

	@Override
	public void close() {
		if (this.ownedResource != null) {
			try {
				this.ownedResource.close();
			}
			catch (Exception ex) {
				// Closing a pool of a stopping application: nothing left to report to.
			}
		}
	}

}
