package io.jrunc.adapter.jna;
