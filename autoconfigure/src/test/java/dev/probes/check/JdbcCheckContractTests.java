package dev.probes.check;

import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices.Database;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link JdbcCheck} on a HikariCP
 * pool of one connection, against a real database. The pools belong to the test, as an
 * application's DataSource belongs to the application.
 */
abstract class JdbcCheckContractTests extends DependencyCheckContractTests {

	/**
	 * Pool timeout: the least HikariCP accepts, and below the attempt's timeout, so that
	 * the pool's own failure is what the engine records.
	 */
	private static final Duration POOL_TIMEOUT = Duration.ofMillis(250);

	private static final String LOOPBACK = "127.0.0.1";

	private final List<HikariDataSource> pools = new ArrayList<>();

	private FaultProxy proxy;

	/**
	 * Return the database to check.
	 * @return the database
	 */
	protected abstract Database database();

	@BeforeEach
	void loadDriver() throws SQLException {
		// A JVM's first connection loads and initialises the driver, which takes about as
		// long
		// as the pool's timeout: the contract is about the check, not about class
		// loading.
		Database database = database();
		DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password()).close();
	}

	@AfterEach
	void closeProxyAndPools() {
		// The proxy first: a pool closes slowly while a driver waits on a black-holed
		// socket.
		if (this.proxy != null) {
			this.proxy.close();
		}
		this.pools.forEach(HikariDataSource::close);
	}

	@Override
	protected DependencyCheck reachableCheck() {
		Database database = database();
		return check(database.jdbcUrl(), database.password());
	}

	@Override
	protected DependencyCheck refusedCheck() throws IOException {
		Database database = database();
		return check(database.jdbcUrl(LOOPBACK, ClosedPorts.find()), database.password());
	}

	@Override
	protected DependencyCheck blackHoledCheck() throws IOException {
		Database database = database();
		this.proxy = FaultProxy.to(database.port());
		this.proxy.blackHole();
		return check(database.jdbcUrl(this.proxy.host(), this.proxy.port()), database.password());
	}

	/**
	 * The secret is everywhere a JDBC URL can carry one: the password, the URL's user
	 * info (which some drivers take for part of the host and echo) and a {@code password}
	 * parameter.
	 */
	@Override
	protected CheckWithSecret failingCheckWithSecret() throws IOException {
		Database database = database();
		String secret = "s3cr3t-pass";
		String url = "jdbc:" + database.scheme() + "://" + database.username() + ":" + secret + "@" + LOOPBACK + ":"
				+ ClosedPorts.find() + "/" + database.database() + "?password=" + secret;
		return new CheckWithSecret(check(url, secret), secret);
	}

	private JdbcCheck check(String url, String password) {
		HikariDataSource pool = new HikariDataSource();
		this.pools.add(pool);
		pool.setJdbcUrl(url);
		pool.setUsername(database().username());
		pool.setPassword(password);
		pool.setMaximumPoolSize(1);
		pool.setMinimumIdle(0);
		pool.setConnectionTimeout(POOL_TIMEOUT.toMillis());
		pool.setValidationTimeout(POOL_TIMEOUT.toMillis());
		// Start even when the database is down: reporting that is the check's job.
		pool.setInitializationFailTimeout(-1);
		return new JdbcCheck(pool, null, null);
	}

}
