package io.jrunc.adapter.fake;
