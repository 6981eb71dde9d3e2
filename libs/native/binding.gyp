{
  "targets": [
    {
      "target_name": "ssl_distill_native",
      "sources": [
        "csrc/add_chain.cc",
        "csrc/addon.cc",
        "csrc/conv.cc",
        "csrc/elementwise.cc",
        "csrc/epilogue.cc",
        "csrc/matmul.cc",
        "csrc/max_pool_grad.cc",
        "csrc/parallel.cc",
        "csrc/pool.cc",
        "csrc/scratch.cc"
      ],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-O3", "-fopenmp"],
      "libraries": ["-ldnnl", "-fopenmp"]
    }
  ]
}
