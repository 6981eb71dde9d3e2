#include "epilogue.h"

#include <algorithm>
#include <cmath>

#include "simd.h"

namespace ssl_native {
namespace {

template <Activation kind>
SSL_NATIVE_VECTORIZE void activate_rows(const Epilogue& e, float* out, size_t rows, size_t first, size_t channels,
                   size_t stride) {
  // A single bias / prelu value broadcasts over all channels: step 0.
  const size_t bias_step = e.bias_size > 1 ? 1 : 0;
  const size_t prelu_step = e.prelu_size > 1 ? 1 : 0;
  const float* bias = e.bias != nullptr ? e.bias + first * bias_step : nullptr;
  const float* prelu = e.prelu != nullptr ? e.prelu + first * prelu_step : nullptr;
  for (size_t r = 0; r < rows; ++r) {
    float* row = out + r * stride;
    for (size_t c = 0; c < channels; ++c) {
      float v = row[c] + (bias != nullptr ? bias[c * bias_step] : 0.0f);
      if constexpr (kind == Activation::kRelu) v = std::max(v, 0.0f);
      if constexpr (kind == Activation::kRelu6) v = std::min(std::max(v, 0.0f), 6.0f);
      if constexpr (kind == Activation::kElu) v = v > 0.0f ? v : std::expm1(v);
      if constexpr (kind == Activation::kLeakyRelu) v = v > 0.0f ? v : e.leaky_alpha * v;
      if constexpr (kind == Activation::kSigmoid) v = 1.0f / (1.0f + std::exp(-v));
      if constexpr (kind == Activation::kPrelu) v = v > 0.0f ? v : prelu[c * prelu_step] * v;
      row[c] = v;
    }
  }
}

}  // namespace

void apply_epilogue(const Epilogue& e, float* out, size_t rows, size_t first, size_t channels,
                    size_t stride) {
  if (e.is_identity()) return;
  switch (e.activation) {
    case Activation::kLinear: return activate_rows<Activation::kLinear>(e, out, rows, first, channels, stride);
    case Activation::kRelu: return activate_rows<Activation::kRelu>(e, out, rows, first, channels, stride);
    case Activation::kRelu6: return activate_rows<Activation::kRelu6>(e, out, rows, first, channels, stride);
    case Activation::kElu: return activate_rows<Activation::kElu>(e, out, rows, first, channels, stride);
    case Activation::kLeakyRelu: return activate_rows<Activation::kLeakyRelu>(e, out, rows, first, channels, stride);
    case Activation::kSigmoid: return activate_rows<Activation::kSigmoid>(e, out, rows, first, channels, stride);
    case Activation::kPrelu: return activate_rows<Activation::kPrelu>(e, out, rows, first, channels, stride);
  }
}

}  // namespace ssl_native
