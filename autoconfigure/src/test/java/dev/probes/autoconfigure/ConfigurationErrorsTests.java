package dev.probes.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.KafkaAdmin;

import dev.probes.test.ApplicationProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every configuration error Probes reports, one row each and in the order of the table in
 * {@code docs/troubleshooting.md}: a real application started with the mistake fails with
 * a report that names the exact property and the fix, and no stack trace reaches the
 * console.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationErrorsTests {

	private static final Path TROUBLESHOOTING = Path.of("..", "docs", "troubleshooting.md");

	/** A password that a row gives, which no report may show. */
	private static final String SECRET = "hunter22";

	/**
	 * Resolves to a port on which something listens, for a dependency that must be up.
	 */
	private static final String LISTENING_PORT = "${test.listening-port}";

	static List<ConfigurationError> errors() {
		return List.of(
				// Keys and values
				error("misspelt or unsupported key", "probes.startup.wiat", "Unknown key 'probes.startup.wiat'",
						"Did you mean 'probes.startup.wait'? Rename 'probes.startup.wiat'.")
					.given(tcp("cache"), "probes.startup.wiat=true"),
				error("misspelt key of a dependency", "probes.dependencies.cache.timout",
						"Invalid 'probes.dependencies.cache.timout': 'timout' is not a key of type 'tcp'",
						"Did you mean 'probes.dependencies.cache.timeout'? Rename"
								+ " 'probes.dependencies.cache.timout'.")
					.given(tcp("cache"), "probes.dependencies.cache.timout=5s"),
				error("whole number expected", "probes.dependencies.cache.port",
						"Invalid 'probes.dependencies.cache.port': 'abc' is not a whole number",
						"Set 'probes.dependencies.cache.port' to a whole number, without a unit.")
					.given("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=redis",
							"probes.dependencies.cache.port=abc"),
				error("duration expected", "probes.dependencies.cache.timeout",
						"Invalid 'probes.dependencies.cache.timeout': 'soon' is not a duration",
						"Set 'probes.dependencies.cache.timeout' to a duration such as 500ms, 10s or 2m.")
					.given(tcp("cache"), "probes.dependencies.cache.timeout=soon"),
				error("true or false expected", "probes.startup.wait",
						"Invalid 'probes.startup.wait': 'maybe' is not true or false",
						"Set 'probes.startup.wait' to true or false.")
					.given(tcp("cache"), "probes.startup.wait=maybe"),
				error("number expected", "probes.startup.backoff.multiplier",
						"Invalid 'probes.startup.backoff.multiplier': 'twice' is not a number",
						"Set 'probes.startup.backoff.multiplier' to a number such as 0.2 or 2.")
					.given(tcp("cache"), "probes.startup.wait=true", "probes.startup.backoff.multiplier=twice"),
				// Dependency names
				error("dependency name not lower-case letters, digits and '-'", "probes.dependencies.Main_DB",
						"Invalid 'probes.dependencies.Main_DB': 'Main_DB' is not a valid dependency name: use"
								+ " lower-case letters, digits and '-'",
						"Rename the dependency, for example to 'main-db'.")
					.given("probes.dependencies[Main_DB].type=tcp"),
				error("dependency named like a probe group", "probes.dependencies.readiness",
						"Invalid 'probes.dependencies.readiness': 'readiness' is the name of a health group",
						"Rename the dependency.")
					.given(tcp("readiness")),
				error("dependency named like a configured health group", "probes.dependencies.custom",
						"Invalid 'probes.dependencies.custom': 'custom' is the name of a health group"
								+ " (management.endpoint.health.group.custom)",
						"Rename the dependency, or the group.")
					.given(tcp("custom"), "management.endpoint.health.group.custom.include=ping"),
				error("dependency named like another health contributor", "probes.dependencies.ping",
						"Invalid 'probes.dependencies.ping': 'ping' is the name of another health contributor",
						"Rename the dependency.")
					.given(tcp("ping")),
				error("dependency named like the deadlock check", "probes.dependencies.deadlocks",
						"Invalid 'probes.dependencies.deadlocks': the name is taken by the deadlock check of"
								+ " probes.liveness.deadlock-detection",
						"Rename the dependency.")
					.given(tcp("deadlocks"), "probes.liveness.deadlock-detection=true"),
				// Types
				error("type missing", "probes.dependencies.cache.type",
						"Invalid 'probes.dependencies.cache.type': every dependency needs a type",
						"Set 'probes.dependencies.cache.type' to one of amqp, dns, health, http, jdbc, kafka,"
								+ " kubernetes-endpoints, redis, tcp.")
					.given("probes.dependencies.cache.host=redis"),
				error("unknown type", "probes.dependencies.cache.type",
						"Invalid 'probes.dependencies.cache.type': 'memcache' is not a known check type",
						"Use one of amqp, dns, health, http, jdbc, kafka, kubernetes-endpoints, redis, tcp.")
					.given("probes.dependencies.cache.type=memcache"),
				error("misspelt type", "probes.dependencies.payments.type",
						"Invalid 'probes.dependencies.payments.type': 'htpp' is not a known check type",
						"Did you mean 'http'? Use one of amqp, dns, health, http, jdbc, kafka, kubernetes-endpoints,"
								+ " redis, tcp.")
					.given("probes.dependencies.payments.type=htpp",
							"probes.dependencies.payments.url=http://payments"),
				error("jdbc without java.sql", "probes.dependencies.postgres.type",
						"Invalid 'probes.dependencies.postgres.type': type 'jdbc' needs a JDBC driver and"
								+ " java.sql on the classpath",
						"Add a JDBC driver and java.sql to the application's dependencies.")
					.given("probes.dependencies.postgres.type=jdbc")
					.without(DataSource.class),
				error("redis without Spring Data Redis", "probes.dependencies.cache.type",
						"Invalid 'probes.dependencies.cache.type': type 'redis' needs Spring Data Redis"
								+ " (spring-boot-starter-data-redis) on the classpath",
						"Add Spring Data Redis (spring-boot-starter-data-redis) to the application's dependencies.")
					.given("probes.dependencies.cache.type=redis")
					.without(RedisConnectionFactory.class),
				error("amqp without Spring AMQP", "probes.dependencies.broker.type",
						"Invalid 'probes.dependencies.broker.type': type 'amqp' needs Spring AMQP"
								+ " (spring-boot-starter-amqp) on the classpath",
						"Add Spring AMQP (spring-boot-starter-amqp) to the application's dependencies.")
					.given("probes.dependencies.broker.type=amqp")
					.without(ConnectionFactory.class),
				error("kafka without the Kafka client", "probes.dependencies.events.type",
						"Invalid 'probes.dependencies.events.type': type 'kafka' needs the Kafka client"
								+ " (spring-boot-starter-kafka or org.apache.kafka:kafka-clients) on the classpath",
						"Add the Kafka client (spring-boot-starter-kafka or org.apache.kafka:kafka-clients) to the"
								+ " application's dependencies.")
					.given("probes.dependencies.events.type=kafka")
					.without(Admin.class),
				// Keys every type shares
				error("interval not positive", "probes.dependencies.cache.interval",
						"Invalid 'probes.dependencies.cache.interval': 0ms is not a positive duration",
						"Set 'probes.dependencies.cache.interval' to a positive duration such as 500ms or 10s.")
					.given(tcp("cache"), "probes.dependencies.cache.interval=0s"),
				error("interval-when-down not positive", "probes.dependencies.cache.interval-when-down",
						"Invalid 'probes.dependencies.cache.interval-when-down': 0ms is not a positive duration",
						"Set 'probes.dependencies.cache.interval-when-down' to a positive duration such as 500ms"
								+ " or 10s.")
					.given(tcp("cache"), "probes.dependencies.cache.interval-when-down=0ms"),
				error("timeout not positive", "probes.dependencies.cache.timeout",
						"Invalid 'probes.dependencies.cache.timeout': -1s is not a positive duration",
						"Set 'probes.dependencies.cache.timeout' to a positive duration such as 500ms or 10s.")
					.given(tcp("cache"), "probes.dependencies.cache.timeout=-1s"),
				error("max-staleness not positive", "probes.dependencies.cache.max-staleness",
						"Invalid 'probes.dependencies.cache.max-staleness': -5s is not a positive duration",
						"Set 'probes.dependencies.cache.max-staleness' to a positive duration such as 500ms or"
								+ " 10s.")
					.given(tcp("cache"), "probes.dependencies.cache.max-staleness=-5s"),
				error("failure-threshold below 1", "probes.dependencies.cache.failure-threshold",
						"Invalid 'probes.dependencies.cache.failure-threshold': 0 is less than 1",
						"Set 'probes.dependencies.cache.failure-threshold' to 1 or more consecutive attempts.")
					.given(tcp("cache"), "probes.dependencies.cache.failure-threshold=0"),
				error("success-threshold below 1", "probes.dependencies.cache.success-threshold",
						"Invalid 'probes.dependencies.cache.success-threshold': -2 is less than 1",
						"Set 'probes.dependencies.cache.success-threshold' to 1 or more consecutive attempts.")
					.given(tcp("cache"), "probes.dependencies.cache.success-threshold=-2"),
				error("interval shorter than timeout", "probes.dependencies.cache.interval",
						"Invalid 'probes.dependencies.cache.interval': 1s is shorter than the timeout (5s): an"
								+ " attempt could still be running when the next one is due",
						"Set 'probes.dependencies.cache.interval' to at least the timeout, or shorten"
								+ " 'probes.dependencies.cache.timeout'.")
					.given(tcp("cache"), "probes.dependencies.cache.interval=1s",
							"probes.dependencies.cache.timeout=5s"),
				error("max-staleness too short", "probes.dependencies.cache.max-staleness",
						"Invalid 'probes.dependencies.cache.max-staleness': 5s is not longer than interval +"
								+ " timeout (12s): an up dependency would turn stale between two checks",
						"Set 'probes.dependencies.cache.max-staleness' to more than 12s, or remove it for the"
								+ " default, 3 x interval.")
					.given(tcp("cache"), "probes.dependencies.cache.max-staleness=5s"),
				error("jitter out of range", "probes.dependencies.cache.jitter",
						"Invalid 'probes.dependencies.cache.jitter': 1.5 is not between 0 and 1",
						"Set 'probes.dependencies.cache.jitter' to a fraction such as 0.1, or 0 for a fixed schedule.")
					.given(tcp("cache"), "probes.dependencies.cache.jitter=1.5"),
				error("key of another type", "probes.dependencies.payments.host",
						"Invalid 'probes.dependencies.payments.host': 'host' is not a key of type 'http'",
						"Remove 'probes.dependencies.payments.host', or correct the type: a 'http' dependency"
								+ " takes url, expected-status, headers.")
					.given("probes.dependencies.payments.type=http", "probes.dependencies.payments.url=http://payments",
							"probes.dependencies.payments.host=payments"),
				// Keys a type requires
				error("tcp without host", "probes.dependencies.cache.host",
						"Invalid 'probes.dependencies.cache.host': a 'tcp' dependency needs it",
						"Set 'probes.dependencies.cache.host'.")
					.given("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.port=6379"),
				error("tcp without port", "probes.dependencies.cache.port",
						"Invalid 'probes.dependencies.cache.port': a 'tcp' dependency needs it",
						"Set 'probes.dependencies.cache.port'.")
					.given("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=redis"),
				error("http without url", "probes.dependencies.payments.url",
						"Invalid 'probes.dependencies.payments.url': a 'http' dependency needs it",
						"Set 'probes.dependencies.payments.url'.")
					.given("probes.dependencies.payments.type=http"),
				error("dns without host", "probes.dependencies.peers.host",
						"Invalid 'probes.dependencies.peers.host': a 'dns' dependency needs it",
						"Set 'probes.dependencies.peers.host'.")
					.given("probes.dependencies.peers.type=dns"),
				error("health without contributor", "probes.dependencies.inventory.contributor",
						"Invalid 'probes.dependencies.inventory.contributor': a 'health' dependency needs it",
						"Set 'probes.dependencies.inventory.contributor'.")
					.given("probes.dependencies.inventory.type=health"),
				error("kubernetes-endpoints without service", "probes.dependencies.peers.service",
						"Invalid 'probes.dependencies.peers.service': a 'kubernetes-endpoints' dependency needs it",
						"Set 'probes.dependencies.peers.service'.")
					.given("probes.dependencies.peers.type=kubernetes-endpoints"),
				// tcp
				error("tcp port out of range", "probes.dependencies.cache.port",
						"Invalid 'probes.dependencies.cache.port': 70000 is not a TCP port",
						"Set 'probes.dependencies.cache.port' to a port from 1 to 65535.")
					.given("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=redis",
							"probes.dependencies.cache.port=70000"),
				error("tcp host given as a URL", "probes.dependencies.cache.host",
						"Invalid 'probes.dependencies.cache.host': 'tcp://redis:6379' is a URL, not a host name",
						"Set 'probes.dependencies.cache.host' to redis and 'probes.dependencies.cache.port' to"
								+ " 6379.")
					.given("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=tcp://redis:6379"),
				error("tcp host with a port", "probes.dependencies.cache.host",
						"Invalid 'probes.dependencies.cache.host': 'redis:6379' includes a port",
						"Set 'probes.dependencies.cache.host' to redis and 'probes.dependencies.cache.port' to"
								+ " 6379.")
					.given("probes.dependencies.cache.type=tcp", "probes.dependencies.cache.host=redis:6379"),
				// http
				error("http url not http or https", "probes.dependencies.payments.url",
						"Invalid 'probes.dependencies.payments.url': 'payments:8080' is not an http or https URL",
						"Set 'probes.dependencies.payments.url' to an absolute http or https URL such as"
								+ " http://payments:8080/readyz.")
					.given("probes.dependencies.payments.type=http", "probes.dependencies.payments.url=payments:8080"),
				error("http url malformed", "probes.dependencies.payments.url",
						"Invalid 'probes.dependencies.payments.url': 'http://pay ments/readyz' is not a valid URL",
						"Set 'probes.dependencies.payments.url' to an absolute http or https URL such as"
								+ " http://payments:8080/readyz.")
					.given("probes.dependencies.payments.type=http",
							"probes.dependencies.payments.url=http://pay ments/readyz"),
				error("http url with credentials", "probes.dependencies.payments.url",
						"Invalid 'probes.dependencies.payments.url': credentials in the URL would be sent and"
								+ " could be shown",
						"Remove the user info from 'probes.dependencies.payments.url' and send credentials with"
								+ " 'probes.dependencies.payments.headers.Authorization'.")
					.given("probes.dependencies.payments.type=http",
							"probes.dependencies.payments.url=http://admin:" + SECRET + "@payments/readyz"),
				error("http expected-status malformed", "probes.dependencies.payments.expected-status",
						"Invalid 'probes.dependencies.payments.expected-status': '2xx' is not an HTTP status"
								+ " code (100-599)",
						"Set 'probes.dependencies.payments.expected-status' to codes and ranges such as 200-399"
								+ " or 200,204.")
					.given("probes.dependencies.payments.type=http",
							"probes.dependencies.payments.url=http://payments/readyz",
							"probes.dependencies.payments.expected-status=2xx"),
				// dns
				error("dns min-addresses below 1", "probes.dependencies.peers.min-addresses",
						"Invalid 'probes.dependencies.peers.min-addresses': 0 is less than 1",
						"Set 'probes.dependencies.peers.min-addresses' to 1 or more addresses.")
					.given("probes.dependencies.peers.type=dns", "probes.dependencies.peers.host=peers",
							"probes.dependencies.peers.min-addresses=0"),
				error("dns host given as a URL", "probes.dependencies.peers.host",
						"Invalid 'probes.dependencies.peers.host': 'dns://peers' is a URL, not a host name",
						"Set 'probes.dependencies.peers.host' to peers.")
					.given("probes.dependencies.peers.type=dns", "probes.dependencies.peers.host=dns://peers"),
				error("dns server malformed", "probes.dependencies.peers.server",
						"Invalid 'probes.dependencies.peers.server': 'dns://10.96.0.10' is not a DNS server"
								+ " address",
						"Set 'probes.dependencies.peers.server' to host or host:port, such as 10.96.0.10:53.")
					.given("probes.dependencies.peers.type=dns", "probes.dependencies.peers.host=peers",
							"probes.dependencies.peers.server=dns://10.96.0.10"),
				// jdbc
				error("jdbc url and data-source both set", "probes.dependencies.postgres.url",
						"Invalid 'probes.dependencies.postgres.url': both 'url' and 'data-source' are set",
						"Keep one of 'probes.dependencies.postgres.url' and"
								+ " 'probes.dependencies.postgres.data-source'.")
					.given("probes.dependencies.postgres.type=jdbc",
							"probes.dependencies.postgres.url=jdbc:postgresql://db:5432/app",
							"probes.dependencies.postgres.data-source=reporting"),
				error("jdbc url not a JDBC URL", "probes.dependencies.postgres.url",
						"Invalid 'probes.dependencies.postgres.url': a JDBC URL starts with 'jdbc:'",
						"Set 'probes.dependencies.postgres.url' to a JDBC URL such as"
								+ " jdbc:postgresql://db:5432/app.")
					.given("probes.dependencies.postgres.type=jdbc",
							"probes.dependencies.postgres.url=postgresql://db:5432/app"),
				error("jdbc url without HikariCP", "probes.dependencies.postgres.url",
						"Invalid 'probes.dependencies.postgres.url': a jdbc dependency with its own 'url' needs"
								+ " HikariCP on the classpath",
						"Add com.zaxxer:HikariCP (spring-boot-starter-jdbc brings it), or check the"
								+ " application's DataSource by removing 'probes.dependencies.postgres.url'.")
					.given("probes.dependencies.postgres.type=jdbc",
							"probes.dependencies.postgres.url=jdbc:postgresql://db:5432/app")
					.without(HikariDataSource.class),
				error("jdbc login without url", "probes.dependencies.postgres.username",
						"Invalid 'probes.dependencies.postgres.username': 'username' is only used with 'url'",
						"Remove 'probes.dependencies.postgres.username': the application's DataSource logs in"
								+ " with its own settings (spring.datasource.*). Or set"
								+ " 'probes.dependencies.postgres.url' for a connection of the check's own.")
					.given("probes.dependencies.postgres.type=jdbc", "probes.dependencies.postgres.username=probe",
							"probes.dependencies.postgres.password=" + SECRET),
				error("jdbc data-source bean unknown", "probes.dependencies.postgres.data-source",
						"Invalid 'probes.dependencies.postgres.data-source': there is no DataSource bean named"
								+ " 'reporting'",
						"Set 'probes.dependencies.postgres.data-source' to the name of a DataSource bean.")
					.given("probes.dependencies.postgres.type=jdbc",
							"probes.dependencies.postgres.data-source=reporting"),
				error("jdbc without any DataSource", "probes.dependencies.postgres.url",
						"Invalid 'probes.dependencies.postgres.url': the application has no DataSource to check",
						"Configure one with 'spring.datasource.url', or set 'probes.dependencies.postgres.url'"
								+ " for a connection of the check's own.")
					.given("probes.dependencies.postgres.type=jdbc"),
				error("jdbc with several DataSources, none primary", "probes.dependencies.postgres.data-source",
						"Invalid 'probes.dependencies.postgres.data-source': the application has several"
								+ " DataSource beans and none is primary",
						"Set 'probes.dependencies.postgres.data-source' to the name of the one to check.")
					.given("probes.dependencies.postgres.type=jdbc")
					.with(TwoDataSources.class),
				// redis
				error("redis url and connection-factory both set", "probes.dependencies.cache.url",
						"Invalid 'probes.dependencies.cache.url': both 'url' and 'connection-factory' are set",
						"Keep one of 'probes.dependencies.cache.url' and"
								+ " 'probes.dependencies.cache.connection-factory'.")
					.given("probes.dependencies.cache.type=redis", "probes.dependencies.cache.url=redis://cache:6379",
							"probes.dependencies.cache.connection-factory=redisConnectionFactory"),
				error("redis url not a Redis URL", "probes.dependencies.cache.url",
						"Invalid 'probes.dependencies.cache.url': 'http://******@cache:6379' is not a redis:// or"
								+ " rediss:// URL",
						"Set 'probes.dependencies.cache.url' to a redis:// or rediss:// URL such as"
								+ " redis://cache:6379.")
					.given("probes.dependencies.cache.type=redis",
							"probes.dependencies.cache.url=http://:" + SECRET + "@cache:6379"),
				error("redis url malformed", "probes.dependencies.cache.url",
						"Invalid 'probes.dependencies.cache.url': 'redis://ca che:6379' is not a valid URL",
						"Set 'probes.dependencies.cache.url' to a redis:// or rediss:// URL such as"
								+ " redis://cache:6379.")
					.given("probes.dependencies.cache.type=redis", "probes.dependencies.cache.url=redis://ca che:6379"),
				error("redis url that Lettuce cannot use", "probes.dependencies.cache.url",
						"Invalid 'probes.dependencies.cache.url': 'redis://cache:6379/first' is not a valid Redis URL:"
								+ " its path is not a database number",
						"Set 'probes.dependencies.cache.url' to a redis:// or rediss:// URL such as"
								+ " redis://cache:6379.")
					.given("probes.dependencies.cache.type=redis",
							"probes.dependencies.cache.url=redis://cache:6379/first"),
				error("redis url without Lettuce", "probes.dependencies.cache.url",
						"Invalid 'probes.dependencies.cache.url': a redis dependency with its own 'url' needs Lettuce"
								+ " on the classpath",
						"Add io.lettuce:lettuce-core (spring-boot-starter-data-redis brings it), or check the"
								+ " application's RedisConnectionFactory by removing 'probes.dependencies.cache.url'.")
					.given("probes.dependencies.cache.type=redis", "probes.dependencies.cache.url=redis://cache:6379")
					.without(RedisClient.class),
				error("redis connection-factory bean unknown", "probes.dependencies.cache.connection-factory",
						"Invalid 'probes.dependencies.cache.connection-factory': there is no RedisConnectionFactory"
								+ " bean named 'sessions'",
						"Set 'probes.dependencies.cache.connection-factory' to the name of a RedisConnectionFactory"
								+ " bean.")
					.given("probes.dependencies.cache.type=redis",
							"probes.dependencies.cache.connection-factory=sessions"),
				error("redis without any RedisConnectionFactory", "probes.dependencies.cache.url",
						"Invalid 'probes.dependencies.cache.url': the application has no RedisConnectionFactory to"
								+ " check",
						"Configure one with 'spring.data.redis.*', or set 'probes.dependencies.cache.url' for a"
								+ " connection of the check's own.")
					.given("probes.dependencies.cache.type=redis",
							"spring.autoconfigure.exclude=" + DataRedisAutoConfiguration.class.getName()),
				error("redis with several RedisConnectionFactories, none primary",
						"probes.dependencies.cache.connection-factory",
						"Invalid 'probes.dependencies.cache.connection-factory': the application has several"
								+ " RedisConnectionFactory beans and none is primary",
						"Set 'probes.dependencies.cache.connection-factory' to the name of the one to check.")
					.given("probes.dependencies.cache.type=redis")
					.with(TwoRedisConnectionFactories.class),
				// amqp
				error("amqp url and connection-factory both set", "probes.dependencies.broker.url",
						"Invalid 'probes.dependencies.broker.url': both 'url' and 'connection-factory' are set",
						"Keep one of 'probes.dependencies.broker.url' and"
								+ " 'probes.dependencies.broker.connection-factory'.")
					.given("probes.dependencies.broker.type=amqp",
							"probes.dependencies.broker.url=amqp://rabbitmq:5672",
							"probes.dependencies.broker.connection-factory=rabbitConnectionFactory"),
				error("amqp url not an AMQP URL", "probes.dependencies.broker.url",
						"Invalid 'probes.dependencies.broker.url': 'http://******@rabbitmq:15672' is not an amqp:// or"
								+ " amqps:// URL",
						"Set 'probes.dependencies.broker.url' to an amqp:// or amqps:// URL such as"
								+ " amqp://rabbitmq:5672.")
					.given("probes.dependencies.broker.type=amqp",
							"probes.dependencies.broker.url=http://guest:" + SECRET + "@rabbitmq:15672"),
				error("amqp url that the RabbitMQ client cannot use", "probes.dependencies.broker.url",
						"Invalid 'probes.dependencies.broker.url': 'amqp://rabbitmq/orders/eu' is not a valid AMQP"
								+ " URL: Multiple segments in path of AMQP URI: /orders/eu",
						"Set 'probes.dependencies.broker.url' to an amqp:// or amqps:// URL such as"
								+ " amqp://rabbitmq:5672.")
					.given("probes.dependencies.broker.type=amqp",
							"probes.dependencies.broker.url=amqp://rabbitmq/orders/eu"),
				error("amqp connection-factory bean unknown", "probes.dependencies.broker.connection-factory",
						"Invalid 'probes.dependencies.broker.connection-factory': there is no RabbitMQ"
								+ " ConnectionFactory bean named 'orders'",
						"Set 'probes.dependencies.broker.connection-factory' to the name of a RabbitMQ"
								+ " ConnectionFactory bean.")
					.given("probes.dependencies.broker.type=amqp",
							"probes.dependencies.broker.connection-factory=orders"),
				error("amqp without any RabbitMQ ConnectionFactory", "probes.dependencies.broker.url",
						"Invalid 'probes.dependencies.broker.url': the application has no RabbitMQ ConnectionFactory"
								+ " to check",
						"Configure one with 'spring.rabbitmq.*', or set 'probes.dependencies.broker.url' for a"
								+ " connection of the check's own.")
					.given("probes.dependencies.broker.type=amqp",
							"spring.autoconfigure.exclude=" + RabbitAutoConfiguration.class.getName()),
				error("amqp with several RabbitMQ ConnectionFactories, none primary",
						"probes.dependencies.broker.connection-factory",
						"Invalid 'probes.dependencies.broker.connection-factory': the application has several"
								+ " RabbitMQ ConnectionFactory beans and none is primary",
						"Set 'probes.dependencies.broker.connection-factory' to the name of the one to check.")
					.given("probes.dependencies.broker.type=amqp")
					.with(TwoRabbitConnectionFactories.class),
				// kafka
				error("kafka min-brokers below 1", "probes.dependencies.events.min-brokers",
						"Invalid 'probes.dependencies.events.min-brokers': 0 is less than 1",
						"Set 'probes.dependencies.events.min-brokers' to 1 or more brokers.")
					.given("probes.dependencies.events.type=kafka", "probes.dependencies.events.min-brokers=0"),
				error("kafka bootstrap-servers empty", "probes.dependencies.events.bootstrap-servers",
						"Invalid 'probes.dependencies.events.bootstrap-servers': it is empty",
						"Set 'probes.dependencies.events.bootstrap-servers' to host:port pairs such as kafka:9092,"
								+ " or remove it for the application's (spring.kafka.bootstrap-servers).")
					.given("probes.dependencies.events.type=kafka", "probes.dependencies.events.bootstrap-servers="),
				error("kafka bootstrap server without a port", "probes.dependencies.events.bootstrap-servers",
						"Invalid 'probes.dependencies.events.bootstrap-servers': 'kafka-1' is not host:port",
						"Set 'probes.dependencies.events.bootstrap-servers' to host:port pairs such as kafka:9092.")
					.given("probes.dependencies.events.type=kafka",
							"probes.dependencies.events.bootstrap-servers=kafka-0:9092,kafka-1"),
				error("kafka bootstrap server given as a URL", "probes.dependencies.events.bootstrap-servers",
						"Invalid 'probes.dependencies.events.bootstrap-servers': 'SASL_SSL://kafka:9093' is a URL, not"
								+ " host:port",
						"Set 'probes.dependencies.events.bootstrap-servers' to kafka:9093.")
					.given("probes.dependencies.events.type=kafka",
							"probes.dependencies.events.bootstrap-servers=SASL_SSL://kafka:9093"),
				error("kafka without any Kafka configuration", "probes.dependencies.events.bootstrap-servers",
						"Invalid 'probes.dependencies.events.bootstrap-servers': the application has no Kafka"
								+ " configuration to check",
						"Configure one with 'spring.kafka.bootstrap-servers', or set"
								+ " 'probes.dependencies.events.bootstrap-servers'.")
					.given("probes.dependencies.events.type=kafka",
							"spring.autoconfigure.exclude=" + KafkaAutoConfiguration.class.getName()),
				error("kafka with several KafkaAdmins, none primary", "probes.dependencies.events",
						"Invalid 'probes.dependencies.events': the application has several KafkaAdmin beans and none"
								+ " is primary",
						"Mark the KafkaAdmin bean whose cluster to check @Primary: the check takes its"
								+ " configuration, SSL and SASL settings included.")
					.given("probes.dependencies.events.type=kafka")
					.with(TwoKafkaAdmins.class),
				error("kafka configuration that the Kafka client rejects", "probes.dependencies.events",
						"Invalid 'probes.dependencies.events': the Kafka client rejects its configuration: Invalid"
								+ " value PLAIN_TEXT for configuration security.protocol",
						"Fix the setting it names in the application's Kafka configuration (spring.kafka.*).")
					.given("probes.dependencies.events.type=kafka", "spring.kafka.security.protocol=PLAIN_TEXT",
							"spring.kafka.properties.sasl.jaas.config="
									+ "org.apache.kafka.common.security.plain.PlainLoginModule required"
									+ " username=\"events\" password=\"" + SECRET + "\";"),
				error("kafka key or trust store that the Kafka client cannot read", "probes.dependencies.events",
						"Invalid 'probes.dependencies.events': the Kafka client rejects its configuration: Invalid"
								+ " value /nonexistent/truststore.jks for configuration ssl.truststore.location: the file"
								+ " does not exist or cannot be read",
						"Fix the setting it names in the application's Kafka configuration (spring.kafka.*).")
					.given("probes.dependencies.events.type=kafka", "spring.kafka.security.protocol=SSL",
							"spring.kafka.ssl.trust-store-location=file:/nonexistent/truststore.jks",
							"spring.kafka.ssl.trust-store-password=" + SECRET),
				// health
				error("health contributor unknown", "probes.dependencies.inventory.contributor",
						"Invalid 'probes.dependencies.inventory.contributor': no health contributor is named"
								+ " 'inventroy'",
						"Set 'probes.dependencies.inventory.contributor' to the name of a health contributor, as"
								+ " listed at /actuator/health.")
					.given("probes.dependencies.inventory.type=health",
							"probes.dependencies.inventory.contributor=inventroy"),
				// kubernetes-endpoints
				error("kubernetes-endpoints min-ready below 1", "probes.dependencies.peers.min-ready",
						"Invalid 'probes.dependencies.peers.min-ready': 0 is less than 1",
						"Set 'probes.dependencies.peers.min-ready' to 1 or more ready endpoints.")
					.given(kubernetesEndpoints("peers"), "probes.dependencies.peers.min-ready=0"),
				error("kubernetes-endpoints service given as a DNS name", "probes.dependencies.peers.service",
						"Invalid 'probes.dependencies.peers.service': 'peers.shop.svc.cluster.local' is a DNS name,"
								+ " not a Service name",
						"Set 'probes.dependencies.peers.service' to peers and 'probes.dependencies.peers.namespace'"
								+ " to shop.")
					.given("probes.dependencies.peers.type=kubernetes-endpoints",
							"probes.dependencies.peers.service=peers.shop.svc.cluster.local"),
				error("kubernetes-endpoints service not a Service name", "probes.dependencies.peers.service",
						"Invalid 'probes.dependencies.peers.service': 'Peers_API' is not a Service name: lower-case"
								+ " letters, digits and '-', starting with a letter, at most 63",
						"Set 'probes.dependencies.peers.service' to the Service's name as 'kubectl get services'"
								+ " lists it, such as payments.")
					.given("probes.dependencies.peers.type=kubernetes-endpoints",
							"probes.dependencies.peers.service=Peers_API"),
				error("kubernetes-endpoints namespace not a namespace name", "probes.dependencies.peers.namespace",
						"Invalid 'probes.dependencies.peers.namespace': 'Shop' is not a namespace name: lower-case"
								+ " letters, digits and '-', at most 63",
						"Set 'probes.dependencies.peers.namespace' to a namespace as 'kubectl get namespaces' lists"
								+ " it, such as shop, or remove it for the pod's own namespace.")
					.given(kubernetesEndpoints("peers"), "probes.dependencies.peers.namespace=Shop"),
				// probes.startup
				error("start-up wait with nothing to wait for", "probes.startup.wait",
						"Invalid 'probes.startup.wait': true, but no critical dependency is declared to wait for",
						"Declare a critical dependency under 'probes.dependencies' (critical is the default;"
								+ " 'health' dependencies are not waited for), or remove 'probes.startup.wait'.")
					.given(tcp("cache"), "probes.dependencies.cache.critical=false", "probes.startup.wait=true"),
				error("startup timeout not positive", "probes.startup.timeout",
						"Invalid 'probes.startup.timeout': 0ms is not a positive duration",
						"Set 'probes.startup.timeout' to a positive duration such as 100ms or 2m.")
					.given(tcp("cache"), "probes.startup.wait=true", "probes.startup.timeout=0s"),
				error("startup backoff max below initial", "probes.startup.backoff.max",
						"Invalid 'probes.startup.backoff.max': 1s is shorter than backoff.initial (2s)",
						"Set 'probes.startup.backoff.max' to at least 'probes.startup.backoff.initial'.")
					.given(tcp("cache"), "probes.startup.wait=true", "probes.startup.backoff.initial=2s",
							"probes.startup.backoff.max=1s"),
				error("startup backoff multiplier below 1", "probes.startup.backoff.multiplier",
						"Invalid 'probes.startup.backoff.multiplier': 0.5 is less than 1",
						"Set 'probes.startup.backoff.multiplier' to 1 (constant delay) or more, such as 2.")
					.given(tcp("cache"), "probes.startup.wait=true", "probes.startup.backoff.multiplier=0.5"),
				error("startup backoff jitter out of range", "probes.startup.backoff.jitter",
						"Invalid 'probes.startup.backoff.jitter': 1.5 is not between 0 and 1",
						"Set 'probes.startup.backoff.jitter' to a fraction such as 0.2.")
					.given(tcp("cache"), "probes.startup.wait=true", "probes.startup.backoff.jitter=1.5"),
				// probes.server, probes.shutdown and the liveness group
				error("probe port out of range", "probes.server.port",
						"Invalid 'probes.server.port': 70000 is not a TCP port",
						"Set 'probes.server.port' to a port from 1 to 65535 (0 picks a free one), or remove it.")
					.given("probes.server.port=70000"),
				error("probe port in use", "probes.server.port", "is already in use",
						"Set 'probes.server.port' to a free port, or stop what listens on")
					.given("probes.server.port=" + LISTENING_PORT),
				error("drain-delay negative", "probes.shutdown.drain-delay",
						"Invalid 'probes.shutdown.drain-delay': -1s is a negative duration",
						"Set 'probes.shutdown.drain-delay' to 0s (no drain) or a positive duration such as 10s.")
					.given("probes.shutdown.drain-delay=-1s"),
				error("dependency in the liveness group", "management.endpoint.health.group.liveness.include",
						"'management.endpoint.health.group.liveness.include' names the declared dependencies"
								+ " 'cache'. Liveness must answer for the process alone: a dependency outage"
								+ " would make Kubernetes restart every pod, which does not bring the"
								+ " dependency back.",
						"Remove 'cache' from 'management.endpoint.health.group.liveness.include'. Critical"
								+ " dependencies already join the readiness group.")
					.given(tcp("cache"), "management.endpoint.health.group.liveness.include=livenessState,cache"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("errors")
	void startupFailsWithReportNamingPropertyAndFix(ConfigurationError error, CapturedOutput output)
			throws IOException {
		try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			SpringApplicationBuilder application = error.setup()
				.apply(new SpringApplicationBuilder(MisconfiguredApplication.class).web(WebApplicationType.NONE)
					.registerShutdownHook(false)
					.properties("spring.main.banner-mode=off", "test.listening-port=" + listening.getLocalPort())
					.properties(error.properties().toArray(String[]::new)));
			assertThatException().isThrownBy(application::run);
		}
		Report report = Report.of(output.toString());
		assertThat(report.description()).contains(error.message()).contains("'" + error.property() + "'");
		assertThat(report.action()).contains(error.fix()).contains("'" + error.property() + "'");
		assertThat(output.toString()).doesNotContainPattern("(?m)^\\s+at [\\w$.]+\\(")
			.doesNotContain("Caused by:")
			.doesNotContain("Application run failed")
			.doesNotContain(SECRET);
	}

	/**
	 * As a user starts it: {@code main} of a web application in a JVM of its own, once
	 * with a mistake found while the context is created and once with one found before it
	 * exists.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "probes.dependencies.cache.host=tcp://redis:6379", "probes.startup.wait=maybe" })
	void mainExitsWithReportAndNoStackTrace(String mistake) throws Exception {
		ApplicationProcess process = ApplicationProcess.run(MisconfiguredApplication.class,
				List.of("server.port=0", "probes.dependencies.cache.type=tcp", "probes.dependencies.cache.port=6379",
						"probes.dependencies.cache.host=redis", mistake));
		String property = mistake.substring(0, mistake.indexOf('='));
		assertThat(process.exitCode()).as(process.toString()).isEqualTo(1);
		Report report = Report.of(process.output());
		assertThat(report.description()).startsWith("Invalid '" + property + "': ");
		assertThat(report.action()).startsWith("Set '" + property + "' to ");
		assertThat(process.output()).doesNotContainPattern("(?m)^\\s+at [\\w$.]+\\(")
			.doesNotContain("Caused by:")
			.doesNotContain("Exception in thread");
	}

	@Test
	void troubleshootingGuideListsEveryErrorInTheSameOrder() throws IOException {
		String guide = Files.readString(TROUBLESHOOTING);
		int from = guide.indexOf("## The application fails to start");
		for (ConfigurationError error : errors()) {
			int message = guide.indexOf(error.message(), from);
			assertThat(message).as("%s in %s after the previous error", error.message(), TROUBLESHOOTING)
				.isGreaterThan(from);
			int fix = guide.indexOf(error.fix(), message);
			assertThat(fix).as("fix '%s' on the row of %s", error.fix(), error.message()).isGreaterThan(message);
			int nextRow = guide.indexOf("\n", message);
			assertThat(fix).as("fix of %s on the same row", error.message()).isLessThan(nextRow);
			from = message;
		}
	}

	private static ConfigurationError error(String mistake, String property, String message, String fix) {
		return new ConfigurationError(mistake, property, message, fix, List.of(), UnaryOperator.identity());
	}

	/** A valid kubernetes-endpoints dependency, to which a row adds the mistake. */
	private static String[] kubernetesEndpoints(String name) {
		String prefix = "probes.dependencies." + name + ".";
		return new String[] { prefix + "type=kubernetes-endpoints", prefix + "service=" + name };
	}

	/** A valid tcp dependency, to which a row adds the mistake. */
	private static String[] tcp(String name) {
		String prefix = "probes.dependencies." + name + ".";
		return new String[] { prefix + "type=tcp", prefix + "host=127.0.0.1", prefix + "port=" + LISTENING_PORT };
	}

	/**
	 * One configuration error: the mistake, and what the report says of it.
	 *
	 * @param mistake what the user got wrong, in a few words
	 * @param property the property the report must name
	 * @param message what the report's description says (a part of it where it names a
	 * port that changes from run to run)
	 * @param fix what its action says
	 * @param properties the application's configuration, mistake included
	 * @param setup anything else the mistake needs, such as a class missing
	 */
	record ConfigurationError(String mistake, String property, String message, String fix, List<String> properties,
			UnaryOperator<SpringApplicationBuilder> setup) {

		ConfigurationError given(Object... properties) {
			List<String> all = new ArrayList<>(this.properties);
			for (Object property : properties) {
				all.addAll((property instanceof String[] many) ? Arrays.asList(many) : List.of((String) property));
			}
			return new ConfigurationError(this.mistake, this.property, this.message, this.fix, all, this.setup);
		}

		ConfigurationError without(Class<?> hidden) {
			return new ConfigurationError(this.mistake, this.property, this.message, this.fix, this.properties,
					(application) -> this.setup.apply(application)
						.resourceLoader(new DefaultResourceLoader(new FilteredClassLoader(hidden))));
		}

		ConfigurationError with(Class<?> configuration) {
			return new ConfigurationError(this.mistake, this.property, this.message, this.fix, this.properties,
					(application) -> this.setup.apply(application).sources(configuration));
		}

		@Override
		public String toString() {
			return this.mistake;
		}

	}

	/** The report Spring Boot prints, read back from the console. */
	record Report(String description, String action) {

		static Report of(String console) {
			int start = console.indexOf("APPLICATION FAILED TO START");
			assertThat(start).as("a failure report in:%n%s", console).isNotNegative();
			assertThat(console.indexOf("APPLICATION FAILED TO START", start + 1)).as("a single report").isNegative();
			String report = console.substring(start);
			int description = report.indexOf("Description:");
			int action = report.indexOf("Action:");
			assertThat(description).isPositive();
			assertThat(action).isGreaterThan(description);
			String rest = report.substring(action + "Action:".length()).strip();
			int end = rest.indexOf("\n\n");
			return new Report(report.substring(description + "Description:".length(), action).strip(),
					(end >= 0) ? rest.substring(0, end) : rest);
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
	static class MisconfiguredApplication {

		public static void main(String[] args) {
			SpringApplication.run(MisconfiguredApplication.class, args);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		DataSource orders() {
			return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/test");
		}

		@Bean
		DataSource reporting() {
			return new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/postgres");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRedisConnectionFactories {

		@Bean
		LettuceConnectionFactory cache() {
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		}

		@Bean
		LettuceConnectionFactory sessions() {
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6380));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoKafkaAdmins {

		@Bean
		KafkaAdmin orders() {
			return new KafkaAdmin(Map.of("bootstrap.servers", "orders-kafka:9092"));
		}

		@Bean
		KafkaAdmin audit() {
			return new KafkaAdmin(Map.of("bootstrap.servers", "audit-kafka:9092"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRabbitConnectionFactories {

		@Bean
		CachingConnectionFactory orders() {
			return new CachingConnectionFactory("127.0.0.1", 5672);
		}

		@Bean
		CachingConnectionFactory audit() {
			return new CachingConnectionFactory("127.0.0.1", 5673);
		}

	}

}
