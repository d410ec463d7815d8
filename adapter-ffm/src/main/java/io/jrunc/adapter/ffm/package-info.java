package io.jrunc.adapter.ffm;
