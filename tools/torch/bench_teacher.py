#!/usr/bin/env python3
"""PyTorch side of `npm run bench:teacher`: torchvision's ResNet-50 (random weights, nothing is
downloaded) forward at 224x224x3, and the same network exported to ONNX for onnxruntime.

    /usr/bin/python3 tools/torch/bench_teacher.py --onnx /tmp/resnet50.onnx --threads 2 --batch 32 --steps 3

Prints one JSON object: {"torch": version, "threads": n, "batch": b, "forward_images_per_s": x, "onnx": path}.
The ONNX file is a temporary artefact of the benchmark, never a fixture (about 100 MB).
"""
import argparse
import json
import time

import torch
import torchvision


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--onnx', required=True)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--batch', type=int, default=32)
    parser.add_argument('--steps', type=int, default=3)
    parser.add_argument('--warmup', type=int, default=1)
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    model = torchvision.models.resnet50()
    model.eval()
    images = torch.randn(args.batch, 3, 224, 224)
    torch.onnx.export(model, images[:1], args.onnx, input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}}, opset_version=13)
    with torch.no_grad():
        for _ in range(args.warmup):
            model(images)
        start = time.perf_counter()
        for _ in range(args.steps):
            model(images)
        seconds = time.perf_counter() - start
    print(json.dumps({'torch': torch.__version__, 'threads': args.threads, 'batch': args.batch,
                      'forward_images_per_s': args.batch * args.steps / seconds, 'onnx': args.onnx}))


if __name__ == '__main__':
    main()
