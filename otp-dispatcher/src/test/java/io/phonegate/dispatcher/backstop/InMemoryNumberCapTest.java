package io.phonegate.dispatcher.backstop;

class InMemoryNumberCapTest extends NumberCapContract {

    private final NumberCap cap = new InMemoryNumberCap(CAP);

    @Override
    NumberCap cap() {
        return cap;
    }
}
