package io.phonegate.reaper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Extra source for {@link RunningReaper#start} that puts {@link FakeUserDirectory} in front of
 * the Cognito one. Deliberately not a {@code @Configuration}: component scanning must not find
 * it for the contexts that talk to the emulator.
 */
public class WithFakeDirectory {

    @Bean
    @Primary
    FakeUserDirectory fakeUserDirectory() {
        return new FakeUserDirectory();
    }
}
