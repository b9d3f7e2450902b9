package io.phonegate.dispatcher.consume;

import io.phonegate.dispatcher.store.StoreOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

/**
 * Pauses the {@code otpRequests} binding while the store is unreachable and resumes it when the
 * store answers. Paused, the Kafka consumer keeps polling (it stays in its group, its partitions
 * stay put) but fetches nothing, so no record is taken that could not be claimed; records of the
 * last poll still come through and wait for the store in their deliveries. Offsets hold, because
 * nothing waiting is acknowledged.
 */
final class BindingPause implements StoreOutage.Listener {

    static final String BINDING = "otpRequests-in-0";
    private static final Logger LOG = LoggerFactory.getLogger(BindingPause.class);

    private final ObjectProvider<BindingsLifecycleController> bindings;

    BindingPause(ObjectProvider<BindingsLifecycleController> bindings) {
        this.bindings = bindings;
    }

    @Override
    public void storeDown() {
        change(true);
    }

    @Override
    public void storeBack() {
        change(false);
    }

    private void change(boolean pause) {
        BindingsLifecycleController controller = bindings.getIfAvailable();
        if (controller == null) {
            return;
        }
        try {
            if (pause) {
                controller.pause(BINDING);
            } else {
                controller.resume(BINDING);
            }
            LOG.info("{} the {} binding", pause ? "Paused" : "Resumed", BINDING);
        } catch (RuntimeException e) {
            // Not bound yet (starting) or already stopping: deliveries still wait for the store on their own.
            LOG.warn("Could not {} the {} binding: {}", pause ? "pause" : "resume", BINDING, e.toString());
        }
    }
}
