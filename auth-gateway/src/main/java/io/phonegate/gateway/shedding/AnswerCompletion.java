package io.phonegate.gateway.shedding;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;

/** For a filter that needs the whole answer: a paced or async answer is complete only after its async dispatch. */
public final class AnswerCompletion {

    private AnswerCompletion() {
    }

    /**
     * Runs {@code action} once the answer to {@code request} is complete: now, or, when the request went async,
     * when its async processing completes. Call it on the way out of the filter chain.
     */
    public static void whenComplete(HttpServletRequest request, Runnable action) {
        if (!request.isAsyncStarted()) {
            action.run();
            return;
        }
        request.getAsyncContext().addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                action.run();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
    }
}
