package io.phonegate.dispatcher.backstop;

import io.phonegate.common.store.PhoneSubject;
import io.phonegate.dispatcher.store.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

@RealRedis
class RedisNumberCapTest extends NumberCapContract {

    private static TestRedis redis;
    private static NumberCap cap;

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
        cap = new RedisNumberCap(redis.template(), redis.calls(), PhoneSubject.withKey(new byte[32]), CAP);
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    NumberCap cap() {
        return cap;
    }
}
