package dev.probes.check;

import dev.probes.test.RealServices;
import dev.probes.test.RealServices.Database;

/**
 * {@link DependencyCheckContractTests Contract tests} for {@link JdbcCheck} against
 * MariaDB.
 */
class JdbcMariaDbCheckContractTests extends JdbcCheckContractTests {

	@Override
	protected Database database() {
		return RealServices.mariadb();
	}

}
