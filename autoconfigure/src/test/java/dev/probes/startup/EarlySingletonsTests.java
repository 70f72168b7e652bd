package dev.probes.startup;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.probes.test.FaultProxy;
import dev.probes.test.RealServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the start-up wait waits for a real PostgreSQL (refused by a proxy), the beans of
 * Spring Boot that do not need the database are created, and none that does.
 */
class EarlySingletonsTests {

	/** Spring MVC's, created after the application's own beans in the usual order. */
	private static final String LIBRARY_BEAN = "requestMappingHandlerMapping";

	/** Held: each initializes or uses the database. */
	private static final List<String> HELD = List.of("flywayInitializer", "jdbcTemplate", "eagerDatabaseUser");

	private static final RealServices.Database postgres = RealServices.postgres();

	private final String schema = "probes_early_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final FaultProxy proxy = FaultProxy.to(postgres.port());

	private CompletableFuture<ConfigurableApplicationContext> application;

	EarlySingletonsTests() throws IOException {
		WaitingApplication.jdbcTemplateUsed.set(0);
		WaitingApplication.databaseFirstUp.set(0);
	}

	@AfterEach
	void closeProxyAndDropSchema() throws Exception {
		this.proxy.close();
		postgres.dropSchemas(this.schema);
	}

	@Test
	void createsLibraryBeansWhileWaitingAndNoDatabaseUser() throws Exception {
		ConfigurableListableBeanFactory beanFactory = startWaiting();
		assertThat(awaitSingleton(beanFactory, LIBRARY_BEAN, Duration.ofSeconds(20))).isTrue();
		assertThat(HELD).noneMatch(beanFactory::containsSingleton);
		assertThat(WaitingApplication.jdbcTemplateUsed.get()).isZero();
		openAndCheckHeldRanAfter(beanFactory);
	}

	@Test
	void createsNothingEarlyWhenSwitchedOff() throws Exception {
		ConfigurableListableBeanFactory beanFactory = startWaiting("probes.startup.create-early=false");
		// The usual order: the wait blocks at the application's first database user,
		// before Spring MVC's beans.
		assertThat(awaitSingleton(beanFactory, LIBRARY_BEAN, Duration.ofSeconds(3))).isFalse();
		assertThat(HELD).noneMatch(beanFactory::containsSingleton);
		openAndCheckHeldRanAfter(beanFactory);
	}

	private ConfigurableListableBeanFactory startWaiting(String... extra) throws Exception {
		this.proxy.refuse();
		AtomicReference<ConfigurableApplicationContext> created = new AtomicReference<>();
		List<String> properties = new ArrayList<>(
				List.of("server.port=0", "spring.datasource.url=" + postgres.jdbcUrl("127.0.0.1", this.proxy.port()),
						"spring.datasource.username=" + postgres.username(),
						"spring.datasource.password=" + postgres.password(), "spring.flyway.schemas=" + this.schema,
						"spring.flyway.locations=classpath:db/startup-wait", "probes.dependencies.postgres.type=jdbc",
						"probes.startup.wait=true", "probes.startup.timeout=60s"));
		properties.addAll(List.of(extra));
		this.application = CompletableFuture
			.supplyAsync(() -> new SpringApplicationBuilder(WaitingApplication.class).initializers(created::set)
				.properties(properties.toArray(String[]::new))
				.run());
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (created.get() == null && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(created.get()).as("context created").isNotNull();
		return created.get().getBeanFactory();
	}

	private void openAndCheckHeldRanAfter(ConfigurableListableBeanFactory beanFactory) throws Exception {
		try {
			assertThat(this.application).isNotDone();
			long passed = System.nanoTime();
			this.proxy.pass();
			try (ConfigurableApplicationContext context = this.application.get(30, TimeUnit.SECONDS)) {
				assertThat(HELD).allMatch(beanFactory::containsSingleton);
				assertThat(WaitingApplication.databaseFirstUp.get()).isGreaterThan(passed);
				assertThat(WaitingApplication.jdbcTemplateUsed.get())
					.isGreaterThan(WaitingApplication.databaseFirstUp.get());
			}
		}
		finally {
			this.proxy.pass();
			this.application.cancel(true);
		}
	}

	private static boolean awaitSingleton(ConfigurableListableBeanFactory beanFactory, String name, Duration limit)
			throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (beanFactory.containsSingleton(name)) {
				return true;
			}
			Thread.sleep(20);
		}
		return false;
	}

}
