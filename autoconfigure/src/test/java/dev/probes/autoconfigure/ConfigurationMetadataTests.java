package dev.probes.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import dev.probes.check.DependencyCheckFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that IDEs read, generated from {@link ProbesProperties} and
 * completed by {@code additional-spring-configuration-metadata.json} with the keys of
 * each type's settings class, against the code and against {@code docs/configuration.md}:
 * every key the code binds is in the metadata with its default and is documented under
 * its type, and nothing else is.
 *
 * <p>
 * Runs with every client library on the class path, so that each built-in type's factory
 * is a bean and names its settings class.
 */
class ConfigurationMetadataTests {

	private static final String EACH = "probes.dependencies.*.";

	private static final Pattern TYPE_HEADING = Pattern.compile("^## `([a-z-]+)`$");

	private static final Pattern DEPENDENCY_KEY_ROW = Pattern
		.compile("^\\| `…<name>\\.([a-z-]+)[^`]*`( / `\\.([a-z-]+)`)?");

	private static final Pattern TOP_LEVEL_KEY_ROW = Pattern.compile("^\\| `(probes\\.[a-z.-]+)(\\.<name>)?`");

	private static Map<String, Map<String, Object>> properties;

	private static List<Map<String, Object>> hints;

	private static Map<String, Class<?>> settingsByType;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readMetadataAndFactories() throws IOException {
		// The module's own metadata: other jars on the class path have theirs.
		URL classes = ProbesProperties.class.getProtectionDomain().getCodeSource().getLocation();
		try (InputStream in = new URL(classes, "META-INF/spring-configuration-metadata.json").openStream()) {
			Map<String, Object> metadata = JsonParserFactory.getJsonParser()
				.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			properties = new LinkedHashMap<>();
			for (Object property : (List<Object>) metadata.get("properties")) {
				Map<String, Object> entry = (Map<String, Object>) property;
				assertThat(properties.put((String) entry.get("name"), entry)).as("entries named %s", entry.get("name"))
					.isNull();
			}
			hints = (List<Map<String, Object>>) (List<?>) metadata.get("hints");
		}
		settingsByType = new LinkedHashMap<>();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DependencyChecksAutoConfiguration.class))
			.run((context) -> context.getBeanProvider(DependencyCheckFactory.class)
				.orderedStream()
				.forEach((factory) -> settingsByType.put(factory.type(), factory.settingsType())));
		assertThat(settingsByType).as("built-in types").hasSize(9);
	}

	@Test
	void everyKeyOfEveryTypeIsInTheMetadata() {
		Set<String> expected = new TreeSet<>(DeclaredDependencies.keysOf(ProbesProperties.Dependency.class));
		settingsByType.values().forEach((settings) -> expected.addAll(DeclaredDependencies.keysOf(settings)));
		assertThat(dependencyKeysInMetadata()).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void aKeyOfOneClassNamesItAndItsDefault() {
		List<Class<?>> classes = new ArrayList<>(settingsByType.values());
		classes.add(ProbesProperties.Dependency.class);
		for (Class<?> settings : classes) {
			Object defaults = BeanUtils.instantiateClass(settings);
			for (String key : DeclaredDependencies.keysOf(settings)) {
				Map<String, Object> entry = properties.get(EACH + key);
				if (classes.stream().filter((other) -> DeclaredDependencies.keysOf(other).contains(key)).count() == 1) {
					assertThat(entry.get("sourceType")).as("source of %s", key).isEqualTo(settings.getName());
					assertDefault(entry, defaults, key);
				}
			}
		}
	}

	@Test
	void aKeyOfSeveralTypesDescribesItForEach() {
		settingsByType.forEach((type, settings) -> {
			if (settings == ProbesProperties.Dependency.class) {
				return;
			}
			for (String key : DeclaredDependencies.keysOf(settings)) {
				String description = (String) properties.get(EACH + key).get("description");
				assertThat(description).as("description of %s", key)
					.containsPattern("With type ([a-z-]+ or )*" + type + "\\b");
			}
		});
	}

	@Test
	void typeHintListsTheBuiltInTypes() {
		assertThat(hints).singleElement().satisfies((hint) -> {
			assertThat(hint.get("name")).isEqualTo(EACH + "type");
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> values = (List<Map<String, Object>>) hint.get("values");
			assertThat(values).extracting((value) -> value.get("value"))
				.containsExactlyInAnyOrderElementsOf(settingsByType.keySet());
			assertThat(values).allSatisfy((value) -> assertThat((String) value.get("description")).isNotBlank());
		});
	}

	@Test
	void everyMetadataKeyIsDocumentedAndEveryDocumentedKeyIsInTheMetadata() throws IOException {
		Set<String> documented = new TreeSet<>();
		for (String line : documentation()) {
			Matcher topLevel = TOP_LEVEL_KEY_ROW.matcher(line);
			if (topLevel.find()) {
				documented.add(topLevel.group(1));
			}
		}
		Set<String> inMetadata = properties.keySet()
			.stream()
			.filter((name) -> !name.startsWith(EACH))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(documented).isEqualTo(inMetadata);
	}

	@Test
	void everyTypeDocumentsExactlyTheKeysItBinds() throws IOException {
		Map<String, Set<String>> documented = documentedKeysBySection();
		assertThat(documented.get("Every dependency"))
			.containsExactlyElementsOf(DeclaredDependencies.keysOf(ProbesProperties.Dependency.class));
		settingsByType.forEach((type, settings) -> assertThat(documented.get(type)).as("keys documented for %s", type)
			.containsExactlyElementsOf(DeclaredDependencies.keysOf(settings)));
	}

	private static Set<String> dependencyKeysInMetadata() {
		return properties.keySet()
			.stream()
			.filter((name) -> name.startsWith(EACH))
			.map((name) -> name.substring(EACH.length()))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static void assertDefault(Map<String, Object> entry, Object defaults, String key) {
		BeanWrapperImpl wrapper = new BeanWrapperImpl(defaults);
		String property = camelCase(key);
		Object actual = wrapper.getPropertyValue(property);
		Object declared = entry.get("defaultValue");
		if (actual == null || actual instanceof Map<?, ?> map && map.isEmpty()) {
			assertThat(declared).as("default of %s", key).isNull();
			return;
		}
		Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(wrapper.getPropertyType(property));
		assertThat(declared).as("default of %s", key).isNotNull();
		assertThat(ApplicationConversionService.getSharedInstance().convert(declared.toString(), type))
			.as("default of %s", key)
			.isEqualTo(actual);
	}

	private static String camelCase(String dashed) {
		StringBuilder camel = new StringBuilder();
		for (String part : dashed.split("-")) {
			camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return camel.toString();
	}

	/**
	 * The dependency keys listed in each section of the reference, by the section's type
	 * ({@code jdbc}) or title ({@code Every dependency}).
	 */
	private static Map<String, Set<String>> documentedKeysBySection() throws IOException {
		Map<String, Set<String>> keys = new LinkedHashMap<>();
		String section = "";
		for (String line : documentation()) {
			if (line.startsWith("## ")) {
				Matcher type = TYPE_HEADING.matcher(line);
				section = type.matches() ? type.group(1) : line.substring(3);
				continue;
			}
			Matcher row = DEPENDENCY_KEY_ROW.matcher(line);
			if (row.find()) {
				Set<String> sectionKeys = keys.computeIfAbsent(section, (name) -> new LinkedHashSet<>());
				sectionKeys.add(row.group(1));
				if (row.group(3) != null) {
					sectionKeys.add(row.group(3));
				}
			}
		}
		return keys;
	}

	private static List<String> documentation() throws IOException {
		return Files.readAllLines(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8);
	}

}
