package dev.probes.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as the README runs it: embedded database, the payments stub, and whatever
 * the machine has on the cache port (the cache is not critical).
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class SampleApplicationTests {

	// A fixed port, because the sample's payments dependency calls back into the app.
	private static final int PORT = FreePorts.find();

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@Test
	void livezAndReadyzAnswer200OnceDependenciesAreChecked() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> get("/readyz").statusCode() == 200);
		// Ready because the critical dependencies were checked, not for want of checks.
		assertThat(get("/readyz?verbose").body()).contains("[+]database ok\n", "[+]payments ok\n")
			.doesNotContain("cache");
		assertThat(get("/livez").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void healthShowsEveryDeclaredDependency() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> get("/readyz").statusCode() == 200);
		String health = get("/actuator/health").body();
		// Spring Boot's own "db" contributor names a "database" too: each is matched with
		// the type Probes shows.
		assertThat(health).contains("\"database\":{\"details\":{\"type\":\"jdbc\"",
				"\"payments\":{\"details\":{\"type\":\"http\"", "\"cache\":{\"details\":{\"type\":\"tcp\"");
	}

	@Test
	void helloAnswersFromTheDatabase() throws Exception {
		assertThat(get("/hello").body()).contains("\"answer\":42");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
