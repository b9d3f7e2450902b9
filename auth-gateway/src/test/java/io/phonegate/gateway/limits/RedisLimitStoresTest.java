package io.phonegate.gateway.limits;

import io.phonegate.gateway.support.TestRedis;
import io.phonegate.testsupport.redis.RealRedis;
import io.phonegate.testsupport.redis.RealRedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The same rules on a real redis-server: the scripts the gateway runs. */
@RealRedis
class RedisLimitStoresTest extends LimitStoresContract {

    private TestRedis redis;

    @BeforeEach
    void connect() {
        // Each test starts on an empty server: the budget of one day is shared by every number.
        RealRedisExtension.server().flushAll();
        redis = TestRedis.on(RealRedisExtension.server());
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    @Override
    Stores stores(LimitSettings settings) {
        return new Stores(new RedisAdmissionStore(redis.template(), settings),
                new RedisWrongAnswerLedger(redis.template(), settings.wrongAnswersPerDay()),
                new RedisClientIpBuckets(redis.template(), settings.clientIpRequestsPerMinute()));
    }
}
