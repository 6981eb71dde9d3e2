// Bias + activation applied to freshly computed output rows (fused conv / matmul), while the
// rows are still in cache.
#pragma once
#include <cstddef>

namespace ssl_native {

enum class Activation { kLinear = 0, kRelu, kRelu6, kElu, kLeakyRelu, kSigmoid, kPrelu };

struct Epilogue {
  const float* bias = nullptr;  // nullptr, one value, or one per channel
  size_t bias_size = 0;
  Activation activation = Activation::kLinear;
  float leaky_alpha = 0.2f;
  const float* prelu = nullptr;  // one value or one per channel, for kPrelu
  size_t prelu_size = 0;

  bool is_identity() const { return bias == nullptr && activation == Activation::kLinear; }
};

// Applies the epilogue to a block of `rows` rows, each `channels` values long (channels
// [first_channel, first_channel + channels) of the output), rows `row_stride` floats apart.
void apply_epilogue(const Epilogue& epilogue, float* out, size_t rows, size_t first_channel,
                    size_t channels, size_t row_stride);

}  // namespace ssl_native
