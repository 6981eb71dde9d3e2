#include "scratch.h"

namespace ssl_native {

float* scratch(ScratchSlot slot, size_t floats) {
  thread_local std::vector<float> buffers[kScratchSlotCount];
  std::vector<float>& buffer = buffers[slot];
  if (buffer.size() < floats) buffer.resize(floats);
  return buffer.data();
}

}  // namespace ssl_native
