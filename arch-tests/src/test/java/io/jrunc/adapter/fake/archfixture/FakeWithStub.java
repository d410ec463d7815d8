package io.jrunc.adapter.fake.archfixture;

/** Breaks: the fake never stubs with UnsupportedOperationException. */
public final class FakeWithStub {
    public void setrlimit() {
        throw new UnsupportedOperationException("todo");
    }
}
