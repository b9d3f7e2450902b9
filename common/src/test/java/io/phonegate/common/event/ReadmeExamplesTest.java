package io.phonegate.common.event;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps common/README.md honest: its wire examples decode to the sample events. */
class ReadmeExamplesTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyReadmeExampleDecodesToTheEventItShows() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> examples = new ArrayList<>();
        Matcher matcher = JSON_BLOCK.matcher(readme);
        while (matcher.find()) {
            examples.add(matcher.group(1));
        }
        List<PhonegateEvent> events = SampleEvents.all();
        assertThat(examples).hasSameSizeAs(events);
        EventCodec codec = new EventCodec();
        for (int i = 0; i < events.size(); i++) {
            PhonegateEvent expected = events.get(i);
            assertThat(codec.fromJson(examples.get(i).getBytes(StandardCharsets.UTF_8), expected.getClass()))
                    .isEqualTo(expected);
        }
    }
}
