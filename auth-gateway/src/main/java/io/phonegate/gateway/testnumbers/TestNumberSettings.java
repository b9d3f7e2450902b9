package io.phonegate.gateway.testnumbers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Test numbers ({@code phonegate.test-numbers.*}).
 *
 * @param entries            {@code <number>:<code>} or {@code <prefix>*:<code>}, comma-separated: the same setting,
 *                           in the same format, as the Create trigger's {@code PHONEGATE_TEST_NUMBERS} (application.yml
 *                           reads that variable here too)
 * @param allowInProduction  test numbers in a profile marked production ({@code production}, {@code prod}) stop the
 *                           service at start-up unless this is {@code true}
 */
@ConfigurationProperties("phonegate.test-numbers")
public record TestNumberSettings(@DefaultValue("") String entries, @DefaultValue("false") boolean allowInProduction) {
}
