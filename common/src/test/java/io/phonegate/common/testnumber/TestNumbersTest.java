package io.phonegate.common.testnumber;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestNumbersTest {

    @Test
    void numbersAndPrefixesHaveTheirCodesAndTheMostPreciseEntryWins() {
        TestNumbers numbers = TestNumbers.parse(" +15555550100:123456, +1555555*:000000 ,+15555550*:111111");

        assertThat(numbers.codeFor("+15555550100")).contains("123456");
        assertThat(numbers.codeFor("+15555550199")).contains("111111");
        assertThat(numbers.codeFor("+15555559999")).contains("000000");
        assertThat(numbers.codeFor("+15555560000")).isEmpty();
        assertThat(numbers.contains("+919876543210")).isFalse();
        assertThat(numbers.isEmpty()).isFalse();
    }

    @Test
    void nothingSetIsNone() {
        assertThat(TestNumbers.parse(null)).isSameAs(TestNumbers.NONE);
        assertThat(TestNumbers.parse("  ")).isSameAs(TestNumbers.NONE);
        assertThat(TestNumbers.NONE.contains("+15555550100")).isFalse();
        assertThat(TestNumbers.NONE.isEmpty()).isTrue();
    }

    @Test
    void malformedEntriesAreRefusedByNameWithoutTheirCode() {
        assertThatThrownBy(() -> TestNumbers.parse("15555550100:123456")).hasMessageContaining("'15555550100'");
        assertThatThrownBy(() -> TestNumbers.parse("+15555550100")).hasMessageContaining("must be 4-10 digits");
        assertThatThrownBy(() -> TestNumbers.parse("+15555550100:12a456")).hasMessageContaining("+15555550100")
                .hasMessageNotContaining("12a456");
        assertThatThrownBy(() -> TestNumbers.parse("+1*:123456")).hasMessageContaining("at least six digits");
        assertThatThrownBy(() -> TestNumbers.parse("+91999*:123456")).hasMessageContaining("at least six digits");
        assertThatThrownBy(() -> TestNumbers.parse("+15555550100:123456,+15555550100:654321"))
                .hasMessageContaining("listed twice").hasMessageNotContaining("654321");
    }

    @Test
    void codesMustHaveTheConfiguredLength() {
        TestNumbers numbers = TestNumbers.parse("+15555550100:123456,+919999900*:0000");

        assertThat(TestNumbers.parse("+15555550100:123456").requireCodeLength(6).contains("+15555550100")).isTrue();
        assertThatThrownBy(() -> numbers.requireCodeLength(6)).hasMessageContaining("+919999900*")
                .hasMessageContaining("has 4 digits").hasMessageNotContaining("0000,");
    }

    @Test
    void theCodesNeverShowInTheText() {
        assertThat(TestNumbers.parse("+15555550100:987654,+1555555*:456789").toString())
                .contains("+15555550100", "+1555555*").doesNotContain("987654", "456789");
    }
}
