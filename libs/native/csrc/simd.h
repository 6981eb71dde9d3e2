// Hot loops are compiled for AVX-512, AVX2 and baseline x86-64 and picked at load time, so one
// build runs fast on the build machine and still runs on an older CPU.
#pragma once
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define SSL_NATIVE_VECTORIZE __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define SSL_NATIVE_VECTORIZE
#endif
