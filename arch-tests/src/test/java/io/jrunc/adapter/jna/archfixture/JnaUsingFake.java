package io.jrunc.adapter.jna.archfixture;

import io.jrunc.adapter.fake.archfixture.FakeWithStub;

/** Breaks: adapters do not depend on each other. */
final class JnaUsingFake {
    FakeWithStub borrowed;
}
