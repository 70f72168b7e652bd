package dev.probes.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Probes in an application whose security configuration requires authentication for every
 * request, Actuator's paths included: the kubelet sends no credentials, so the probes
 * must answer without them, and they reveal nothing that needs them. Runs in its own test
 * execution, with Spring Security on the class path.
 */
abstract class AbstractSecuredProbeEndpointsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private ServerSocket dependency;

	private ConfigurableApplicationContext context;

	private String base;

	protected abstract WebApplicationType webApplicationType();

	@BeforeEach
	void start() throws IOException {
		this.dependency = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.context = new SpringApplicationBuilder(SecuredApplication.class).web(webApplicationType())
			.properties("server.port=0", "server.shutdown=immediate",
					"spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
					"probes.dependencies.postgres.type=tcp", "probes.dependencies.postgres.host=127.0.0.1",
					"probes.dependencies.postgres.port=" + this.dependency.getLocalPort(),
					"management.endpoint.health.show-details=when-authorized")
			.run();
		this.base = "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@AfterEach
	void stop() throws IOException {
		this.context.close();
		this.dependency.close();
	}

	@Test
	void probesAnswerWithoutAuthenticationWhileEverythingElseRequiresIt() {
		await().atMost(Duration.ofSeconds(10)).until(() -> get("/readyz", "*/*").statusCode() == 200);
		assertThat(get("/readyz", "*/*").body()).isEqualTo("ok");
		assertThat(get("/livez", "*/*").body()).isEqualTo("ok");
		assertThat(get("/readyz?verbose", "*/*").body()).contains("[+]postgres ok");
		assertThat(get("/readyz/postgres", "*/*").body()).isEqualTo("ok");
		HttpResponse<String> json = get("/readyz", "application/json");
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.body()).isEqualTo("{\"status\":\"UP\"}");
		// Spring Security is active: Actuator's own paths still require authentication.
		assertThat(get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(401);
		assertThat(get("/anything", "*/*").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> get(String path, String accept) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", accept).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ ServletSecurity.class, ReactiveSecurity.class })
	static class SecuredApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletSecurity {

		@Bean
		SecurityFilterChain everythingAuthenticated(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveSecurity {

		@Bean
		SecurityWebFilterChain everythingAuthenticated(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.build();
		}

	}

}
