#!/usr/bin/env python3
"""Builds the imported-teacher test fixture: a small ResNet exported from PyTorch to ONNX, plus
PyTorch's own outputs for a few images, so the TypeScript side is checked against a model this
project did not write.

    /usr/bin/python3 tools/torch/export_teacher.py [--out libs/models/test/fixtures/teacher]

Writes, under --out:
  resnet-nchw.onnx   input `input` [N, 3, 32, 32]; outputs `embedding` [N, 64] (pooled),
                     `logits` [N, 10] and `feature_map` [N, 64, 8, 8] (the map `embedding` pools)
  resnet-nhwc.onnx   the same network taking [N, 32, 32, 3]
  nan.onnx           a broken teacher: `embedding` = log(channel means - 1000), NaN for any image
  reference.json     the raw uint8 images (HWC), the preprocessing (x = (raw / 255 - mean) / std)
                     and PyTorch's embedding and logits for them

Weights are random (seeded) and the batch-norm statistics are set by a few training-mode passes
so that inference-mode batch norm is not the identity. The batch axis is dynamic.
"""
import argparse
import json
import os

import torch
from torch import nn

MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
SIZE = 32
CLASSES = 10


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + self.shortcut(x))


class SmallResNet(nn.Module):
    """ResNet-8-style: a 3x3 stem and one basic block per stage (16, 32, 64 channels)."""

    def __init__(self, nhwc=False):
        super().__init__()
        self.nhwc = nhwc
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.stages = nn.Sequential(BasicBlock(16, 16, 1), BasicBlock(16, 32, 2), BasicBlock(32, 64, 2))
        self.fc = nn.Linear(64, CLASSES)

    def forward(self, x):
        if self.nhwc:
            x = x.permute(0, 3, 1, 2)
        feature_map = self.stages(self.stem(x))
        embedding = feature_map.mean(dim=(2, 3))
        return embedding, self.fc(embedding), feature_map


class NanTeacher(nn.Module):
    """Emits NaN for every image: what a teacher with a broken export looks like."""

    def forward(self, x):
        return torch.log(x.mean(dim=(2, 3)) - 1000.0)


def preprocess(raw_hwc):
    x = raw_hwc.float() / 255.0
    return (x - torch.tensor(MEAN)) / torch.tensor(STD)  # [N, H, W, C]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--out', default='libs/models/test/fixtures/teacher')
    parser.add_argument('--seed', type=int, default=19)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(args.seed)

    model = SmallResNet()
    model.train()
    with torch.no_grad():
        for _ in range(5):
            model(torch.randn(16, 3, SIZE, SIZE) * 1.5 + 0.3)
    model.eval()

    generator = torch.Generator().manual_seed(args.seed + 1)
    raw = torch.randint(0, 256, (4, SIZE, SIZE, 3), generator=generator, dtype=torch.uint8)
    nchw = preprocess(raw).permute(0, 3, 1, 2).contiguous()
    with torch.no_grad():
        embedding, logits, _ = model(nchw)

    nhwc_model = SmallResNet(nhwc=True)
    nhwc_model.load_state_dict(model.state_dict())
    nhwc_model.eval()
    exports = [('resnet-nchw.onnx', model, nchw), ('resnet-nhwc.onnx', nhwc_model, preprocess(raw).contiguous())]
    for name, network, example in exports:
        torch.onnx.export(
            network, example, os.path.join(args.out, name),
            input_names=['input'], output_names=['embedding', 'logits', 'feature_map'],
            dynamic_axes={'input': {0: 'batch'}, 'embedding': {0: 'batch'}, 'logits': {0: 'batch'}, 'feature_map': {0: 'batch'}},
            opset_version=13, do_constant_folding=True,
        )

    torch.onnx.export(
        NanTeacher(), nchw, os.path.join(args.out, 'nan.onnx'), input_names=['input'], output_names=['embedding'],
        dynamic_axes={'input': {0: 'batch'}, 'embedding': {0: 'batch'}}, opset_version=13,
    )

    reference = {
        'torch': torch.__version__,
        'size': SIZE, 'channels': 3, 'mean': MEAN, 'std': STD, 'scale': 255,
        'images': raw.flatten().tolist(),
        'count': raw.shape[0],
        'embedding': embedding.flatten().tolist(), 'embeddingDim': embedding.shape[1],
        'logits': logits.flatten().tolist(), 'logitsDim': logits.shape[1],
    }
    with open(os.path.join(args.out, 'reference.json'), 'w') as f:
        json.dump(reference, f)
    print(f'wrote {args.out}: embedding {tuple(embedding.shape)}, logits {tuple(logits.shape)}')


if __name__ == '__main__':
    main()
