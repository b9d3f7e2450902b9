package io.phonegate.dispatcher.message;

import io.phonegate.dispatcher.sms.TextForm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The templates a team registers in India, printed from the code, and the guide's copy of them. */
class DltTemplatesTest {

    private static final String HOST = "auth.example.com";

    @Test
    void listingNamesEveryFormInUseOnceWithItsExactTemplate() {
        SmsTemplates templates = new SmsTemplates(HOST, null);

        String listing = DltTemplates.describe(HOST, null);

        for (TextForm form : templates.formsInUse()) {
            assertThat(listing).containsOnlyOnce(form.id() + " (")
                    .contains("-----\n" + templates.registeredTemplate(form) + "\n-----\n");
        }
        assertThat(listing).doesNotContain("en-login-short", "en-signup-short")
                .containsOnlyOnce("Phonegate कोड {#var#}").contains("hi-signup-short", "hi-login-short", ", Unicode");
    }

    @Test
    void listingWithAnAppHashHasItInEveryTemplate() {
        String listing = DltTemplates.describe(HOST, "FA+9qCX9VS/");

        assertThat(listing).contains("Android app hash FA+9qCX9VS/")
                .doesNotContain("#{#var#}\n").contains("#{#var#} FA+9qCX9VS/\n-----");
    }

    /** docs/production.md shows the templates for auth.example.com: they must be the ones the code sends. */
    @Test
    void productionGuideShowsTheTemplatesTheCodePrints() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "production.md"));

        assertThat(guide).contains("```text\n" + DltTemplates.describe(HOST, null) + "```")
                .contains("-Dloader.main=" + DltTemplates.class.getName(), "-cp application.jar " + DltTemplates.class.getName());
    }
}
