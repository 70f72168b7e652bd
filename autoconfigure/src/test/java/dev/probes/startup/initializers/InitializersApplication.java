package dev.probes.startup.initializers;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.probes.engine.DependencyStatus;
import dev.probes.engine.StateListener;

/**
 * An application with every kind of database initializer on its classpath (Liquibase, JPA
 * with Hibernate, {@code spring.sql.init}, Flyway); each test switches on the one it is
 * about with properties.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class InitializersApplication {

	/** When the first check found the database up (System.nanoTime), 0 before. */
	static final AtomicLong databaseFirstUp = new AtomicLong();

	/** When the CommandLineRunner read the database (System.nanoTime), 0 before. */
	static final AtomicLong runnerQueried = new AtomicLong();

	@Bean
	CommandLineRunner queryingRunner(JdbcTemplate jdbc) {
		return (args) -> {
			jdbc.queryForObject("SELECT 1", Integer.class);
			runnerQueried.compareAndSet(0, System.nanoTime());
		};
	}

	@Bean
	StateListener firstUpRecorder() {
		return (dependency, previous, current) -> {
			if (current.status() == DependencyStatus.UP) {
				databaseFirstUp.compareAndSet(0, System.nanoTime());
			}
		};
	}

}
