package dev.probes.check;

import dev.probes.test.RealServices;
import dev.probes.test.RealServices.Database;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link JdbcCheck} against
 * PostgreSQL.
 */
class JdbcPostgresCheckContractTests extends JdbcCheckContractTests {

	@Override
	protected Database database() {
		return RealServices.postgres();
	}

}
