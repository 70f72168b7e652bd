package dev.probes.autoconfigure.check;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import dev.probes.check.DependencyCheck;
import dev.probes.check.DependencyDeclaration;
import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;
import dev.probes.test.RealServices.Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The pool of its own of a {@code jdbc} dependency with a {@code url}, against a database
 * that never answers: HikariCP opens connections on one thread, so a connect or a login
 * that hung for good would keep the pool from ever connecting again.
 */
class OwnConnectionPoolTests {

	private static final Duration TIMEOUT = Duration.ofMillis(250);

	@Test
	void connectToBlackHoledPostgresIsGivenUpAndTriedAgain() throws Exception {
		assertConnectIsGivenUpAndTriedAgain(RealServices::postgres);
	}

	@Test
	void connectToBlackHoledMariaDbIsGivenUpAndTriedAgain() throws Exception {
		assertConnectIsGivenUpAndTriedAgain(RealServices::mariadb);
	}

	private void assertConnectIsGivenUpAndTriedAgain(Supplier<Database> service) throws Exception {
		Database database = service.get();
		try (FaultProxy proxy = FaultProxy.to(database.port())) {
			proxy.blackHole();
			JdbcCheckProperties dependency = new JdbcCheckProperties();
			dependency.setUrl(database.jdbcUrl(proxy.host(), proxy.port()));
			dependency.setUsername(database.username());
			dependency.setPassword(database.password());
			JdbcCheckFactory factory = new JdbcCheckFactory(new DefaultListableBeanFactory(),
					getClass().getClassLoader());
			try (DependencyCheck check = factory
				.create(new DependencyDeclaration<>("db", "jdbc", TIMEOUT, dependency))) {
				// Each attempt waits for the pool, which keeps trying to connect
				// meanwhile.
				await().atMost(Duration.ofSeconds(10)).until(() -> {
					assertThatException().isThrownBy(() -> check.check(TIMEOUT));
					return proxy.acceptedConnections() >= 3;
				});
				assertThat(proxy.openConnections()).isLessThanOrEqualTo(1);
			}
		}
	}

}
