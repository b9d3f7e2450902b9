package io.phonegate.gateway.limits;

/** The limits' rules in memory: the reference the Redis scripts are held to. */
class InMemoryLimitStoresTest extends LimitStoresContract {

    @Override
    Stores stores(LimitSettings settings) {
        InMemoryStores stores = new InMemoryStores(settings);
        return new Stores(stores, stores, stores);
    }
}
