package dev.probes.autoconfigure.check;

import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * A pool of one connection that belongs to a {@code jdbc} check: the connection is kept
 * between attempts instead of opened per check.
 *
 * <p>
 * HikariCP opens connections on one thread of its own. Against a database that accepts
 * the connection and never answers, that thread was seen blocked for good in the
 * PostgreSQL driver's read of the login answer (the driver has no read timeout by
 * default): the pool could open no other connection, and the dependency would stay down
 * long after the database is back; and the direct connection made while the pool is empty
 * has no login timeout at all. For a dependency with its own {@code url}, the PostgreSQL,
 * MariaDB and MySQL drivers' connects and reads are therefore bounded by the check's
 * timeout, unless the URL sets them. A copy of the application's pool keeps the
 * application's driver settings.
 */
final class OwnConnectionPool implements AutoCloseable {

	private static final String POSTGRESQL = "jdbc:postgresql:";

	private static final String MARIADB = "jdbc:mariadb:";

	private static final String MYSQL = "jdbc:mysql:";

	private final HikariDataSource pool;

	private final DataSource dataSource;

	private OwnConnectionPool(HikariDataSource pool) {
		this.pool = pool;
		this.dataSource = EmptyPoolBypass.of(pool);
	}

	/**
	 * Create a pool for a dependency declared with its own {@code url}.
	 * @param name the dependency's name
	 * @param url the JDBC URL
	 * @param username the login user, if any
	 * @param password the login password, if any
	 * @param timeout the attempt's timeout, at least what HikariCP accepts
	 * @return the pool, not started
	 */
	static OwnConnectionPool create(String name, String url, @Nullable String username, @Nullable String password,
			Duration timeout) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername(username);
		dataSource.setPassword(password);
		dataSource.setConnectionTimeout(timeout.toMillis());
		dataSource.setValidationTimeout(timeout.toMillis());
		if (url.startsWith(POSTGRESQL)) {
			// Whole seconds, rounded up: 0 would mean no timeout. Parameters in the URL
			// win.
			String seconds = Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000));
			dataSource.addDataSourceProperty("connectTimeout", seconds);
			dataSource.addDataSourceProperty("socketTimeout", seconds);
		}
		else if (url.startsWith(MARIADB) || url.startsWith(MYSQL)) {
			// Milliseconds. The pool's login timeout would bound a connect, but the
			// direct
			// connection made while the pool is empty has none; a URL that sets them
			// wins.
			String millis = Long.toString(Math.max(1, timeout.toMillis()));
			addUnlessInUrl(dataSource, url, "connectTimeout", millis);
			addUnlessInUrl(dataSource, url, "socketTimeout", millis);
		}
		return new OwnConnectionPool(oneConnection(dataSource, name));
	}

	/**
	 * Create a pool that connects as an application's pool does: same driver or data
	 * source, URL, credentials, data-source properties and connection set-up, so the
	 * check reaches the application's database as the application.
	 * @param name the dependency's name
	 * @param applicationPool the application's pool, started or not
	 * @return the pool, not started
	 */
	static OwnConnectionPool copyOf(String name, HikariConfig applicationPool) {
		HikariDataSource dataSource = new HikariDataSource();
		applicationPool.copyStateTo(dataSource);
		// What the copy must not share with the application's pool: its name and JMX
		// beans,
		// its metrics, its scheduler, and the leak and suspension machinery meant for the
		// application's own connections.
		dataSource.setRegisterMbeans(false);
		if (dataSource.getMetricRegistry() != null) {
			dataSource.setMetricRegistry(null);
		}
		dataSource.setMetricsTrackerFactory(null);
		dataSource.setHealthCheckRegistry(null);
		dataSource.setScheduledExecutor(null);
		dataSource.setLeakDetectionThreshold(0);
		dataSource.setAllowPoolSuspension(false);
		// Its timeouts stay the application's. HikariCP turns connectionTimeout into the
		// driver's login timeout (DriverManager's, for every pool of the JVM, or that of
		// a
		// DataSource the two pools share), which a shorter one would cut for the
		// application's
		// own connections. And the kept connection is validated as the application's are:
		// a
		// slow database is slow, not dead, and replacing the connection while it is slow
		// would only tie up the pool in a login until after the database has recovered.
		// The
		// engine abandons an attempt at its own timeout either way.
		return new OwnConnectionPool(oneConnection(dataSource, name));
	}

	private static void addUnlessInUrl(HikariDataSource dataSource, String url, String key, String value) {
		if (!url.toLowerCase(Locale.ROOT).contains(key.toLowerCase(Locale.ROOT) + "=")) {
			dataSource.addDataSourceProperty(key, value);
		}
	}

	private static HikariDataSource oneConnection(HikariDataSource dataSource, String name) {
		dataSource.setPoolName("probes-" + name);
		dataSource.setMaximumPoolSize(1);
		dataSource.setMinimumIdle(0);
		// Start even when the database is down: reporting that is the check's job.
		dataSource.setInitializationFailTimeout(-1);
		return dataSource;
	}

	/**
	 * Return the data source to check through: the pool, bypassed while it is empty.
	 * @return the data source
	 */
	DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
