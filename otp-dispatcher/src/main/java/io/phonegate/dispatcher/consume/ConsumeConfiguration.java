package io.phonegate.dispatcher.consume;

import io.phonegate.common.event.EventCodec;
import io.phonegate.dispatcher.Workers;
import io.phonegate.dispatcher.delivery.DeliveryPipeline;
import io.phonegate.dispatcher.metrics.DispatcherMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.Collection;

@Configuration(proxyBeanMethods = false)
class ConsumeConfiguration {

    @Bean
    CommitOrder commitOrder() {
        return new CommitOrder();
    }

    /** The functional binding {@code otpRequests-in-0} (see application.yml). */
    @Bean
    java.util.function.Consumer<Message<byte[]>> otpRequests(EventCodec codec, DeliveryPipeline pipeline,
                                                             CommitOrder commitOrder, StreamBridge bridge,
                                                             DispatcherMetrics metrics, Workers workers) {
        return new OtpRequestsConsumer(codec, pipeline, commitOrder, new DeadLetters(bridge, metrics, workers));
    }

    /** The consumer takes no new records while the store is unreachable. */
    @Bean
    BindingPause bindingPauseWhileStoreIsDown(ObjectProvider<BindingsLifecycleController> bindings) {
        return new BindingPause(bindings);
    }

    /** Revoked partitions stop acknowledging: their new owner starts from the last commit. */
    @Bean
    KafkaBindingRebalanceListener commitOrderOnRebalance(CommitOrder commitOrder) {
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer,
                                                        Collection<TopicPartition> partitions) {
                commitOrder.forget(partitions);
            }
        };
    }
}
