package dev.probes.check;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the SQL failures that retrying will not mend (a rejected login, a database that
 * does not exist) from those that a starting or unreachable database produces too.
 */
final class SqlFailures {

	/**
	 * SQL state class 28: invalid authorization specification (wrong user or password).
	 */
	private static final String SQL_STATE_INVALID_AUTHORIZATION = "28";

	/** SQL state 3D000: invalid catalog name (the database does not exist). */
	private static final String SQL_STATE_INVALID_CATALOG = "3D000";

	/** MySQL and MariaDB: access denied (1044, 1045), unknown database (1049). */
	private static final Set<Integer> MYSQL_PERMANENT_ERRORS = Set.of(1044, 1045, 1049);

	private SqlFailures() {
	}

	/**
	 * Return whether a failure, or any of its causes, is an SQL failure that retrying
	 * will not mend: drivers and pools wrap the driver's own exception.
	 * @param failure what the check threw
	 * @return whether the failure is permanent
	 */
	static boolean isPermanent(Throwable failure) {
		return FailureDescriptions.causeChain(failure)
			.stream()
			.anyMatch((cause) -> cause instanceof SQLException sql && isPermanent(sql));
	}

	private static boolean isPermanent(SQLException failure) {
		String state = failure.getSQLState();
		if (state != null
				&& (state.startsWith(SQL_STATE_INVALID_AUTHORIZATION) || state.equals(SQL_STATE_INVALID_CATALOG))) {
			return true;
		}
		return MYSQL_PERMANENT_ERRORS.contains(failure.getErrorCode());
	}

}
