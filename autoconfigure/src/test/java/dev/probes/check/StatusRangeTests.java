package dev.probes.check;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StatusRange}.
 */
class StatusRangeTests {

	@Test
	void parseWhenSingleCodeContainsOnlyThatCode() {
		StatusRange range = StatusRange.parse("204");
		assertThat(range.contains(204)).isTrue();
		assertThat(range.contains(200)).isFalse();
		assertThat(range.contains(205)).isFalse();
	}

	@Test
	void parseWhenRangeContainsItsBoundsAndCodesBetween() {
		StatusRange range = StatusRange.parse("200-399");
		assertThat(range.contains(199)).isFalse();
		assertThat(range.contains(200)).isTrue();
		assertThat(range.contains(302)).isTrue();
		assertThat(range.contains(399)).isTrue();
		assertThat(range.contains(400)).isFalse();
	}

	@Test
	void parseWhenListOfCodesAndRangesContainsEach() {
		StatusRange range = StatusRange.parse("200,204,301-302");
		assertThat(range.contains(200)).isTrue();
		assertThat(range.contains(204)).isTrue();
		assertThat(range.contains(301)).isTrue();
		assertThat(range.contains(302)).isTrue();
		assertThat(range.contains(201)).isFalse();
		assertThat(range.contains(303)).isFalse();
	}

	@Test
	void parseWhenSpacesAroundPartsIgnoresThem() {
		StatusRange range = StatusRange.parse(" 200 , 500 - 503 ");
		assertThat(range.contains(200)).isTrue();
		assertThat(range.contains(503)).isTrue();
		assertThat(range.contains(504)).isFalse();
	}

	@Test
	void parseWhenRangeIsOneCodeContainsIt() {
		assertThat(StatusRange.parse("503-503").contains(503)).isTrue();
	}

	@Test
	void parseWhenBoundsAreExtremesAccepts() {
		StatusRange range = StatusRange.parse("100-599");
		assertThat(range.contains(100)).isTrue();
		assertThat(range.contains(599)).isTrue();
	}

	@Test
	void toStringReturnsTextWithoutSurroundingSpaces() {
		assertThat(StatusRange.parse(" 200-299,304 ")).hasToString("200-299,304");
	}

	@Test
	void parseWhenCodeBelow100Throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> StatusRange.parse("99"))
			.withMessage("'99' is not an HTTP status code (100-599)");
	}

	@Test
	void parseWhenCodeAbove599Throws() {
		assertThatIllegalArgumentException().isThrownBy(() -> StatusRange.parse("200-600"))
			.withMessage("'600' is not an HTTP status code (100-599)");
	}

	@Test
	void parseWhenNotANumberThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> StatusRange.parse("2xx"))
			.withMessage("'2xx' is not an HTTP status code (100-599)");
	}

	@Test
	void parseWhenEmptyThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> StatusRange.parse(""))
			.withMessage("'' is not an HTTP status code (100-599)");
	}

	@Test
	void parseWhenRangeEndsBeforeItStartsThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> StatusRange.parse("399-200"))
			.withMessage("'399-200' ends before it starts");
	}

	@Test
	void parseWhenPartHasTwoDashesThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> StatusRange.parse("200,200-300-400"))
			.withMessage("'200-300-400' is not a status code or range");
	}

	@Test
	void parseWhenRangeHasNoUpperBoundThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> StatusRange.parse("200-"))
			.withMessage("'' is not an HTTP status code (100-599)");
	}

	@Test
	void parseWhenTrailingCommaThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> StatusRange.parse("200,"))
			.withMessage("'' is not an HTTP status code (100-599)");
	}

}
