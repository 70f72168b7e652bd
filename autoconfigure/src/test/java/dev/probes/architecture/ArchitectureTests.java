package dev.probes.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code, as docs/api.md and the style guide state it: the check SPI free
 * of Spring, packages layered one way, configuration read in one place, and a public API
 * that is exactly the documented one.
 */
@AnalyzeClasses(packages = "dev.probes", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	private static final Path API = Path.of("..", "docs", "api.md");

	/**
	 * A documented type: a bullet that starts with its fully qualified name in backticks.
	 */
	private static final Pattern DOCUMENTED_TYPE = Pattern.compile("(?m)^- `(dev\\.probes\\.[a-z.]+\\.[A-Z][\\w.]*)`");

	@ArchTest
	static final ArchRule checksUseNoSpringType = noClasses().that()
		.resideInAPackage("dev.probes.check..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..")
		.because("a check is written, tested and reused without Spring");

	@ArchTest
	static final ArchRule packagesAreLayeredOneWay = layeredArchitecture()
		.consideringOnlyDependenciesInAnyPackage("dev.probes..")
		.layer("check")
		.definedBy("dev.probes.check")
		.layer("engine")
		.definedBy("dev.probes.engine")
		.layer("features")
		.definedBy("dev.probes.health", "dev.probes.startup", "dev.probes.web", "dev.probes.metrics",
				"dev.probes.shutdown")
		.layer("autoconfigure")
		.definedBy("dev.probes.autoconfigure..")
		.whereLayer("autoconfigure")
		.mayNotBeAccessedByAnyLayer()
		.whereLayer("features")
		.mayOnlyBeAccessedByLayers("autoconfigure")
		.whereLayer("engine")
		.mayOnlyBeAccessedByLayers("features", "autoconfigure");

	@ArchTest
	static final ArchRule packagesHaveNoCycles = slices().matching("dev.probes.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule onlyAutoConfigurationReadsConfiguration = noClasses().that()
		.resideOutsideOfPackages("dev.probes.autoconfigure..")
		.should()
		.dependOnClassesThat()
		.areAssignableTo(Environment.class)
		.orShould()
		.dependOnClassesThat()
		.areAnnotatedWith(ConfigurationProperties.class)
		.because("settings reach the runtime packages as values, bound and validated in one place");

	@Test
	void publicTypesAreTheDocumentedOnes() throws IOException {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.probes");
		Set<String> publicTypes = new TreeSet<>();
		for (JavaClass type : classes) {
			if (isPublic(type) && !type.isAnonymousClass() && !type.getSimpleName().equals("package-info")) {
				publicTypes.add(type.getName().replace('$', '.'));
			}
		}
		Set<String> documented = new TreeSet<>();
		Matcher matcher = DOCUMENTED_TYPE.matcher(Files.readString(API));
		while (matcher.find()) {
			documented.add(matcher.group(1));
		}
		assertThat(publicTypes).as("public types, each listed in %s", API).containsExactlyElementsOf(documented);
	}

	/** Public, and reachable: a public type nested in a package-private one is not. */
	private static boolean isPublic(JavaClass type) {
		JavaClass current = type;
		while (current != null) {
			if (!current.getModifiers().contains(JavaModifier.PUBLIC)) {
				return false;
			}
			current = current.getEnclosingClass().orElse(null);
		}
		return true;
	}

}
