// Per-thread reusable buffers, so kernels allocate nothing per call once warm.
#pragma once
#include <cstddef>
#include <vector>

#include "parallel.h"

namespace ssl_native {

// kScratchGather: a strided 1x1 convolution's input pixels, gathered (conv.cc).
enum ScratchSlot { kScratchWeights = 0, kScratchGather, kScratchSlotCount };

// A buffer of at least `floats` floats owned by the calling thread; contents are unspecified.
float* scratch(ScratchSlot slot, size_t floats);

// One zeroed accumulator of `size` values per pool worker, summed at the end: how reductions
// run in parallel without atomics.
template <typename T>
class WorkerSums {
 public:
  explicit WorkerSums(size_t size)
      : size_(size), workers_(thread_count()), sums_(size * static_cast<size_t>(workers_), T(0)) {}
  T* of(int worker) { return sums_.data() + static_cast<size_t>(worker) * size_; }
  // out[i] = scale * sum over workers.
  void reduce_into(float* out, T scale = T(1)) const {
    for (size_t i = 0; i < size_; ++i) {
      T total = T(0);
      for (int worker = 0; worker < workers_; ++worker) total += sums_[worker * size_ + i];
      out[i] = static_cast<float>(total * scale);
    }
  }

 private:
  size_t size_;
  int workers_;
  std::vector<T> sums_;
};

}  // namespace ssl_native
