package io.phonegate.testsupport.kafka;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** The smallest Spring Cloud Stream application: one functional consumer that keeps what it receives. */
@SpringBootApplication
class StreamRoundTripApp {

    static final BlockingQueue<Message<byte[]>> RECEIVED = new LinkedBlockingQueue<>();

    @Bean
    Consumer<Message<byte[]>> received() {
        return RECEIVED::add;
    }
}
