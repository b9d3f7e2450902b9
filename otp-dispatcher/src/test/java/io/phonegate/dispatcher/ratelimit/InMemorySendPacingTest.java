package io.phonegate.dispatcher.ratelimit;

import io.phonegate.dispatcher.DispatcherProperties;

class InMemorySendPacingTest extends SendPacingContract {

    @Override
    SendPacing pacing(DispatcherProperties.Pacing settings) {
        return InMemorySendPacing.of(settings);
    }
}
