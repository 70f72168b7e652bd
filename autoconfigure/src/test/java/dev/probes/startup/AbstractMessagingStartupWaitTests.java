package dev.probes.startup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.probes.test.ApplicationProcess;
import dev.probes.test.MessagingApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up wait for a dependency on a client whose password is wrong, run as its own
 * process against a real server that checks it: retrying will not mend it, so the wait
 * ends at once, with the reason, naming where the password is set, and without the
 * password. Written once, run for each client type.
 */
abstract class AbstractMessagingStartupWaitTests {

	private static final String WRONG_PASSWORD = "wr0ng-pa55word";

	/**
	 * Return the check type.
	 * @return {@code redis} or {@code amqp}
	 */
	protected abstract String type();

	/**
	 * Return the configuration of Spring Boot's client, logging in with a password.
	 * @param password the password
	 * @return properties such as {@code spring.data.redis.password=...}
	 */
	protected abstract List<String> clientProperties(String password);

	/**
	 * Return the {@code url} of a client of the check's own, logging in with a password.
	 * @param password the password
	 * @return the URL
	 */
	protected abstract String url(String password);

	/**
	 * Return what the server answers to a wrong password.
	 * @return such as {@code WRONGPASS}
	 */
	protected abstract String refusal();

	/**
	 * Return the properties that configure Spring Boot's client.
	 * @return such as {@code spring.data.redis.*}
	 */
	protected abstract String clientConfiguration();

	@Test
	void failsAtOnceWhenApplicationsPasswordIsWrongWithoutShowingIt() throws Exception {
		List<String> properties = new ArrayList<>(clientProperties(WRONG_PASSWORD));
		properties.add("probes.dependencies.cache.type=" + type());
		ApplicationProcess result = run(properties);
		assertThat(result.output()).contains("'" + clientConfiguration() + "'");
		System.out.printf("MEASURED start-up wrong %s password (application's client): process exited with %d"
				+ " after %dms (deadline 60s)%n", type(), result.exitCode(), result.elapsed().toMillis());
	}

	@Test
	void failsAtOnceWhenUrlPasswordIsWrongWithoutShowingIt() throws Exception {
		ApplicationProcess result = run(List.of("probes.dependencies.cache.type=" + type(),
				"probes.dependencies.cache.url=" + url(WRONG_PASSWORD)));
		assertThat(result.output()).contains("Fix the credentials in 'probes.dependencies.cache.url'.");
		System.out.printf(
				"MEASURED start-up wrong %s password (url): process exited with %d after %dms" + " (deadline 60s)%n",
				type(), result.exitCode(), result.elapsed().toMillis());
	}

	private ApplicationProcess run(List<String> properties) throws Exception {
		List<String> all = new ArrayList<>(properties);
		all.addAll(List.of("server.port=0", "probes.startup.wait=true", "probes.startup.timeout=60s"));
		ApplicationProcess result = ApplicationProcess.run(MessagingApplication.class, all);
		assertThat(result.exitCode()).as(result.toString()).isNotZero();
		assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(15));
		assertThat(result.output())
			.contains("Critical dependency 'cache' failed with an error that retrying will not mend", refusal());
		assertThat(result.output()).doesNotContain(WRONG_PASSWORD);
		return result;
	}

}
