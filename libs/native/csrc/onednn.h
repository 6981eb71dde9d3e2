// The oneDNN engine and stream the addon runs its primitives on.
#pragma once
#include <dnnl.hpp>

namespace ssl_native {

dnnl::engine& cpu_engine();
dnnl::stream& cpu_stream();

// A oneDNN memory object over caller-owned floats (no copy).
inline dnnl::memory wrap(const dnnl::memory::desc& desc, const float* data) {
  return dnnl::memory(desc, cpu_engine(), const_cast<float*>(data));
}

}  // namespace ssl_native
